import { createCallerFactory, router } from './init.ts';
import { accessRouter } from './routers/access/index.ts';
import { applicationsRouter } from './routers/applications/index.ts';
import { catalogAdminRouter } from './routers/catalog-admin/index.ts';
import { fulfilmentRouter } from './routers/fulfilment/index.ts';
import { peopleRouter } from './routers/people/index.ts';
import { provisioningRouter } from './routers/provisioning/index.ts';
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
  applications: applicationsRouter,
  catalogAdmin: catalogAdminRouter,
  provisioning: provisioningRouter,
  fulfilment: fulfilmentRouter,
  people: peopleRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
