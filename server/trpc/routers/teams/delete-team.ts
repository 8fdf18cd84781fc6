import { deleteTeam as deleteTeamUseCase } from '@/server/modules/teams/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZDeleteTeamInput, ZDeleteTeamOutput } from './teams.schema.ts';

export const deleteTeam = permissionProcedure('admin.teams.manage')
  .input(ZDeleteTeamInput)
  .output(ZDeleteTeamOutput)
  .mutation(({ ctx, input }) => deleteTeamUseCase(ctx.db, ctx.actor, input.id, { queue: ctx.queue }));
