import { saveApprovalPolicyAndRedraw } from '@/server/modules/requests/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZIdOutput, ZSavePolicyInput } from './approval-policies.schema.ts';

// Through requests: the pending requests the policy decides are drawn again (docs/decisions/112).
export const savePolicy = permissionProcedure('admin.policies.manage')
  .input(ZSavePolicyInput)
  .output(ZIdOutput)
  .mutation(({ ctx, input }) => saveApprovalPolicyAndRedraw(ctx.db, ctx.actor, input, { queue: ctx.queue }));
