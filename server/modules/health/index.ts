// The public surface of health: what other modules, routers, jobs, route handlers and tests outside it
// may import (dependency-cruiser `modules-import-public-surfaces`); its other files are its own.
// Order matters: files that reach no other module come first, then each file after the files it
// imports. Modules import each other in cycles, and a module reached again through one must already
// have evaluated what its importer reads at load time (a zod schema, a constant).
export { checkDatabaseRole } from './check-database-role.ts';
export { createHealthCheck, type THealth, type TPublicHealth } from './get-health.ts';
