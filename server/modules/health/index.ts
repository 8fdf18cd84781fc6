// The public surface of health: what other modules, routers, jobs and route handlers may import.
// Everything else in this folder is its own (dependency-cruiser `modules-import-public-surfaces`).
export { checkDatabaseRole } from './check-database-role.ts';
export { createHealthCheck, type THealth, type TPublicHealth } from './get-health.ts';
