// The public surface of catalog: what other modules, routers, jobs and route handlers may import.
// Everything else in this folder is its own (dependency-cruiser `modules-import-public-surfaces`).
export { aggregateEntitlements } from './aggregate-entitlements.ts';
export { syncAggregationSchedules, type TAggregationScheduler } from './aggregation-schedules.ts';
export { getEntitlement } from './get-entitlement.ts';
export { listApplicationEntitlements, listRoles } from './list-catalog-admin.ts';
export { listCatalog, listCatalogApplications } from './list-catalog.ts';
export { listRequestableRoles } from './list-requestable-roles.ts';
export { previewRoleChange } from './preview-role-change.ts';
export { saveEntitlement, type TSaveEntitlement } from './save-entitlement.ts';
export { saveRole } from './save-role.ts';
