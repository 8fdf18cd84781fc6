// The public surface of identities: what other modules, routers, jobs, route handlers and tests outside it
// may import (dependency-cruiser `modules-import-public-surfaces`); its other files are its own.
// Order matters: files that reach no other module come first, then each file after the files it
// imports, so that what a file reads at load time (a zod schema, a constant) has been evaluated. No
// module imports another in a cycle any more (no-cycles-between-modules, docs/decisions/097).
export { endSessions } from './end-sessions.ts';
export { IDENTITY_LIMITS, tooLongMessage, type TIdentityLimitedField } from './identity-limits.ts';
export { assertCanActFor } from './identity-scope.ts';
export { listIdentities } from './list-identities.ts';
export { listMyReports } from './list-my-reports.ts';
export { searchPeople } from './search-people.ts';
export { endPersonSessions } from './end-person-sessions.ts';
export { identityUsername } from './identity-username.ts';
export { recordSignIn } from './record-sign-in.ts';
export { portalRoleLocks } from './portal-role-locks.ts';
export { personViewer } from './person-viewer.ts';
export { setPortalRoles } from './set-portal-roles.ts';
export { syncPortalRoles } from './sync-portal-roles.ts';
export { signOut } from './sign-out.ts';
