import { createTeam as createTeamUseCase } from '@/server/modules/teams/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZCreateTeamInput, ZTeamIdOutput } from './teams.schema.ts';

export const createTeam = permissionProcedure('admin.teams.manage')
  .input(ZCreateTeamInput)
  .output(ZTeamIdOutput)
  .mutation(({ ctx, input }) => createTeamUseCase(ctx.db, ctx.actor, input));
