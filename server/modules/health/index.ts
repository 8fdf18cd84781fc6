// The public surface of health: what other modules, routers, jobs, route handlers and tests outside it
// may import (dependency-cruiser `modules-import-public-surfaces`); its other files are its own.
// Order matters: files that reach no other module come first, then each file after the files it
// imports, so that what a file reads at load time (a zod schema, a constant) has been evaluated. No
// module imports another in a cycle any more (no-cycles-between-modules, docs/decisions/097).
export { checkDatabaseRole } from './check-database-role.ts';
export { createHealthCheck, type THealth, type TPublicHealth } from './get-health.ts';
