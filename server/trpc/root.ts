import { createCallerFactory, router } from './init.ts';
import { accessRouter } from './routers/access/index.ts';
import { accountRulesRouter } from './routers/account-rules/index.ts';
import { auditRouter } from './routers/audit/index.ts';
import { auditLogRouter } from './routers/audit-log/index.ts';
import { birthrightRouter } from './routers/birthright/index.ts';
import { directoryRouter } from './routers/directory/index.ts';
import { lifecycleRouter } from './routers/lifecycle/index.ts';
import { sourcesRouter } from './routers/sources/index.ts';
import { reconciliationRouter } from './routers/reconciliation/index.ts';
import { applicationsRouter } from './routers/applications/index.ts';
import { catalogAdminRouter } from './routers/catalog-admin/index.ts';
import { massChangeRouter } from './routers/mass-change/index.ts';
import { fulfilmentRouter } from './routers/fulfilment/index.ts';
import { peopleRouter } from './routers/people/index.ts';
import { provisioningRouter } from './routers/provisioning/index.ts';
import { approvalPoliciesRouter } from './routers/approval-policies/index.ts';
import { approvalsRouter } from './routers/approvals/index.ts';
import { catalogRouter } from './routers/catalog/index.ts';
import { meRouter } from './routers/me/index.ts';
import { notificationsRouter } from './routers/notifications/index.ts';
import { requestsRouter } from './routers/requests/index.ts';
import { requestReportsRouter } from './routers/request-reports/index.ts';
import { sodRouter } from './routers/sod/index.ts';
import { scimTokensRouter } from './routers/scim-tokens/index.ts';
import { reportsRouter } from './routers/reports/index.ts';
import { reviewsRouter } from './routers/reviews/index.ts';
import { teamsRouter } from './routers/teams/index.ts';
import { apiTokensRouter } from './routers/api-tokens/index.ts';
import { slackRouter } from './routers/slack/index.ts';
import { serviceAccountsRouter } from './routers/service-accounts/index.ts';

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
  approvalPolicies: approvalPoliciesRouter,
  sod: sodRouter,
  scimTokens: scimTokensRouter,
  sources: sourcesRouter,
  reconciliation: reconciliationRouter,
  lifecycle: lifecycleRouter,
  directory: directoryRouter,
  birthright: birthrightRouter,
  accountRules: accountRulesRouter,
  audit: auditRouter,
  auditLog: auditLogRouter,
  requestReports: requestReportsRouter,
  reports: reportsRouter,
  reviews: reviewsRouter,
  teams: teamsRouter,
  massChange: massChangeRouter,
  apiTokens: apiTokensRouter,
  slack: slackRouter,
  serviceAccounts: serviceAccountsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
