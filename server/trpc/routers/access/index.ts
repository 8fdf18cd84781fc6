import { router } from '../../init.ts';
import { listMyAccess } from './list-my-access.ts';
import { listTeamAccess } from './list-team-access.ts';
import { revokeGrant } from './revoke-grant.ts';

export const accessRouter = router({ listMine: listMyAccess, listTeam: listTeamAccess, revoke: revokeGrant });
