import { decideApprovalStep } from '@/server/modules/approvals/decide-approval-step.ts';
import { permissionProcedure } from '../../init.ts';
import { ZDecideStepInput, ZDecideStepOutput } from './decide-step.schema.ts';

export const decideStep = permissionProcedure('approval.decide')
  .input(ZDecideStepInput)
  .output(ZDecideStepOutput)
  .mutation(({ ctx, input }) => decideApprovalStep(ctx.db, ctx.actor, input, { queue: ctx.queue }));
