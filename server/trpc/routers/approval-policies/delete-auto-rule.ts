import { deleteAutoApprovalRule } from '@/server/modules/approvals/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZDeletedOutput, ZDeleteInput } from './approval-policies.schema.ts';

export const deleteAutoRule = permissionProcedure('admin.policies.manage')
  .input(ZDeleteInput)
  .output(ZDeletedOutput)
  .mutation(({ ctx, input }) => deleteAutoApprovalRule(ctx.db, ctx.actor, input.id));
