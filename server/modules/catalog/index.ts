// The public surface of catalog: what other modules, routers, jobs, route handlers and tests outside it
// may import (dependency-cruiser `modules-import-public-surfaces`); its other files are its own.
// Order matters: files that reach no other module come first, then each file after the files it
// imports, so that what a file reads at load time (a zod schema, a constant) has been evaluated. No
// module imports another in a cycle any more (no-cycles-between-modules, docs/decisions/097).
export { getEntitlement } from './get-entitlement.ts';
export { pruneSearchWords } from './prune-search-words.ts';
export { listApplicationEntitlements, listRoles } from './list-catalog-admin.ts';
export { listRequestableRoles } from './list-requestable-roles.ts';
export { aggregateEntitlements } from './aggregate-entitlements.ts';
export { syncAggregationSchedules, type TAggregationScheduler } from './aggregation-schedules.ts';
export { listCatalog, listCatalogApplications } from './list-catalog.ts';
export { previewRoleChange } from './preview-role-change.ts';
export { saveEntitlement, type TSaveEntitlement } from './save-entitlement.ts';
export { saveRole } from './save-role.ts';
export { saveApplicationAndFollowOwner } from './save-application-and-follow-owner.ts';
