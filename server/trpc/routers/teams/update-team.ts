import { updateTeam as updateTeamUseCase } from '@/server/modules/teams/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZTeamIdOutput, ZUpdateTeamInput } from './teams.schema.ts';

export const updateTeam = permissionProcedure('admin.teams.manage')
  .input(ZUpdateTeamInput)
  .output(ZTeamIdOutput)
  .mutation(({ ctx, input }) => updateTeamUseCase(ctx.db, ctx.actor, input));
