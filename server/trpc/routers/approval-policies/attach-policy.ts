import { attachApprovalPolicyAndRedraw } from '@/server/modules/requests/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZAttachPolicyInput, ZAttachPolicyOutput } from './approval-policies.schema.ts';

// Through requests: the pending requests of what it attaches to are drawn again (docs/decisions/112).
export const attachPolicy = permissionProcedure('admin.policies.manage')
  .input(ZAttachPolicyInput)
  .output(ZAttachPolicyOutput)
  .mutation(({ ctx, input }) =>
    attachApprovalPolicyAndRedraw(ctx.db, ctx.actor, input, { queue: ctx.queue }),
  );
