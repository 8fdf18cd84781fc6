import { decideApprovalStep } from '@/server/modules/approvals/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZDecideStepInput, ZDecideStepOutput } from './decide-step.schema.ts';

export const decideStep = permissionProcedure('approval.decide')
  .meta({
    openapi: {
      method: 'POST',
      path: '/approvals/{stepId}/decision',
      tags: ['Approvals'],
      summary: 'Approve or deny',
      description:
        'Decide one approval step assigned to the token’s person. Nobody decides their own request.',
    },
  })
  .input(ZDecideStepInput)
  .output(ZDecideStepOutput)
  .mutation(({ ctx, input }) => decideApprovalStep(ctx.db, ctx.actor, input, { queue: ctx.queue }));
