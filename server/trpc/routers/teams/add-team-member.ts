import { addTeamMember as addTeamMemberUseCase } from '@/server/modules/teams/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZAddTeamMemberOutput, ZTeamMemberInput } from './teams.schema.ts';

export const addTeamMember = permissionProcedure('admin.teams.manage')
  .input(ZTeamMemberInput)
  .output(ZAddTeamMemberOutput)
  .mutation(({ ctx, input }) => addTeamMemberUseCase(ctx.db, ctx.actor, input, { queue: ctx.queue }));
