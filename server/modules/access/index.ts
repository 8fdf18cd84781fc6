// The public surface of access: what other modules, routers, jobs and route handlers may import.
// Everything else in this folder is its own (dependency-cruiser `modules-import-public-surfaces`).
export { endGrant } from './end-grant.ts';
export { expireGrants } from './expire-grants.ts';
export { grantDirectly } from './grant-directly.ts';
export { listAccessOf } from './list-access.ts';
export { listTeamAccess } from './list-team-access.ts';
export { notifyExpiringGrants } from './notify-expiring-grants.ts';
export { revokeGrant } from './revoke-grant.ts';
