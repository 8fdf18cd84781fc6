import { decideApprovalSteps } from '@/server/modules/approvals/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZDecideStepsInput, ZDecideStepsOutput } from './decide-steps.schema.ts';

/** Bulk approve or deny with one comment; each step decided on its own, refusals reported. */
export const decideSteps = permissionProcedure('approval.decide')
  .input(ZDecideStepsInput)
  .output(ZDecideStepsOutput)
  .mutation(({ ctx, input }) => decideApprovalSteps(ctx.db, ctx.actor, input, { queue: ctx.queue }));
