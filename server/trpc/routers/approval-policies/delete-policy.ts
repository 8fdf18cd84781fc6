import { deleteApprovalPolicyAndRedraw } from '@/server/modules/requests/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZDeletedOutput, ZDeleteInput } from './approval-policies.schema.ts';

// Through requests: what falls back to a risk default has its pending requests drawn again (docs/decisions/112).
export const deletePolicy = permissionProcedure('admin.policies.manage')
  .input(ZDeleteInput)
  .output(ZDeletedOutput)
  .mutation(({ ctx, input }) =>
    deleteApprovalPolicyAndRedraw(ctx.db, ctx.actor, input.id, { queue: ctx.queue }),
  );
