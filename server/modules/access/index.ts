// The public surface of access: what other modules, routers, jobs, route handlers and tests outside it
// may import (dependency-cruiser `modules-import-public-surfaces`); its other files are its own.
// Order matters: files that reach no other module come first, then each file after the files it
// imports, so that what a file reads at load time (a zod schema, a constant) has been evaluated. No
// module imports another in a cycle any more (no-cycles-between-modules, docs/decisions/097).
export {
  createGrant,
  endGrants,
  endGrantsOf,
  extendGrant,
  insertGrants,
  markGrantNotified,
  type TGrantEnd,
  type TNewGrant,
} from './grant-store.ts';
export { listAccessOf } from './list-access.ts';
export { endGrant, type TCloseExtensions } from './end-grant.ts';
export { expireGrants } from './expire-grants.ts';
export { startGrants } from './start-grants.ts';
export { grantDirectly } from './grant-directly.ts';
export { listTeamAccess } from './list-team-access.ts';
export { notifyExpiringGrants } from './notify-expiring-grants.ts';
export { revokeGrant } from './revoke-grant.ts';
