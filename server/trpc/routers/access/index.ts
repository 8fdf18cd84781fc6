import { router } from '../../init.ts';
import { getPasswordPolicy } from './get-password-policy.ts';
import { listMyAccess } from './list-my-access.ts';
import { listPasswordAccounts } from './list-password-accounts.ts';
import { listTeamAccess } from './list-team-access.ts';
import { revokeGrant } from './revoke-grant.ts';
import { setPassword } from './set-password.ts';

export const accessRouter = router({
  listMine: listMyAccess,
  listTeam: listTeamAccess,
  revoke: revokeGrant,
  passwordAccounts: listPasswordAccounts,
  passwordPolicy: getPasswordPolicy,
  setPassword,
});
