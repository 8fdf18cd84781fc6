import { router } from '../../init.ts';
import { createServiceAccount } from './create-service-account.ts';
import { listServiceAccounts } from './list-service-accounts.ts';
import { listSponsorTeams } from './list-sponsor-teams.ts';
import { revokeServiceAccount } from './revoke-service-account.ts';

export const serviceAccountsRouter = router({
  list: listServiceAccounts,
  teams: listSponsorTeams,
  create: createServiceAccount,
  revoke: revokeServiceAccount,
});
