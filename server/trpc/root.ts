import { createCallerFactory, router } from './init.ts';
import { accessRouter } from './routers/access/index.ts';
import { approvalsRouter } from './routers/approvals/index.ts';
import { catalogRouter } from './routers/catalog/index.ts';
import { meRouter } from './routers/me/index.ts';
import { notificationsRouter } from './routers/notifications/index.ts';
import { requestsRouter } from './routers/requests/index.ts';

export const appRouter = router({
  me: meRouter,
  catalog: catalogRouter,
  requests: requestsRouter,
  approvals: approvalsRouter,
  access: accessRouter,
  notifications: notificationsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
