import { listSponsorTeams as listSponsorTeamsUseCase } from '@/server/modules/api-tokens/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZListSponsorTeamsOutput } from './list-sponsor-teams.schema.ts';

export const listSponsorTeams = permissionProcedure('admin.serviceAccounts.manage')
  .output(ZListSponsorTeamsOutput)
  .query(({ ctx }) => listSponsorTeamsUseCase(ctx.db, ctx.actor));
