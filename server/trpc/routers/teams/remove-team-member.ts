import { removeTeamMember as removeTeamMemberUseCase } from '@/server/modules/teams/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZRemoveTeamMemberOutput, ZTeamMemberInput } from './teams.schema.ts';

export const removeTeamMember = permissionProcedure('admin.teams.manage')
  .input(ZTeamMemberInput)
  .output(ZRemoveTeamMemberOutput)
  .mutation(({ ctx, input }) => removeTeamMemberUseCase(ctx.db, ctx.actor, input, { queue: ctx.queue }));
