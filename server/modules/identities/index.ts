// The public surface of identities: what other modules, routers, jobs and route handlers may import.
// Everything else in this folder is its own (dependency-cruiser `modules-import-public-surfaces`).
export { ACTING_STATUSES, canAct } from './can-act.ts';
export { createPerson } from './create-person.ts';
export { editPerson } from './edit-person.ts';
export { endPersonSessions } from './end-person-sessions.ts';
export { endSessions } from './end-sessions.ts';
export { getIdentityDetail } from './get-identity-detail.ts';
export { getMySummary } from './get-my-summary.ts';
export { IDENTITY_LIMITS, tooLongMessage, type TIdentityLimitedField } from './identity-limits.ts';
export { assertCanActFor } from './identity-scope.ts';
export { identityUsername } from './identity-username.ts';
export { listIdentities } from './list-identities.ts';
export { listMyReports } from './list-my-reports.ts';
export { ACTOR_SELECT, actorOf, loadActor, loadJobActor } from './load-actor.ts';
export { recordSignIn } from './record-sign-in.ts';
export { resolveSignIn, signedInIdentity } from './resolve-sign-in.ts';
export { searchPeople } from './search-people.ts';
export { setPersonStatus } from './set-person-status.ts';
export { setPortalRoles } from './set-portal-roles.ts';
export { signOut } from './sign-out.ts';
