import { router } from '../../init.ts';
import { createPerson } from './create-person.ts';
import { editPerson } from './edit-person.ts';
import { endSessions } from './end-sessions.ts';
import { forcePasswordReset } from './force-password-reset.ts';
import { getIdentity } from './get-identity.ts';
import { grantAccess } from './grant-access.ts';
import { listGrantableItems } from './list-grantable-items.ts';
import { listIdentities } from './list-identities.ts';
import { listPasswordAccounts } from './list-password-accounts.ts';
import { revokeGrant } from './revoke-grant.ts';
import { setPortalRoles } from './set-portal-roles.ts';
import { setStatus } from './set-status.ts';

/** The identity repository as a directory of people (identity team and auditors), and the identity team's tools on it. */
export const directoryRouter = router({
  list: listIdentities,
  get: getIdentity,
  setPortalRoles,
  endSessions,
  createPerson,
  editPerson,
  setStatus,
  grantAccess,
  revokeGrant,
  grantableItems: listGrantableItems,
  passwordAccounts: listPasswordAccounts,
  forcePasswordReset,
});
