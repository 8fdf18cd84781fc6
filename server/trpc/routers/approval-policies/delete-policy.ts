import { deleteApprovalPolicy } from '@/server/modules/approvals/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZDeletedOutput, ZDeleteInput } from './approval-policies.schema.ts';

export const deletePolicy = permissionProcedure('admin.policies.manage')
  .input(ZDeleteInput)
  .output(ZDeletedOutput)
  .mutation(({ ctx, input }) => deleteApprovalPolicy(ctx.db, ctx.actor, input.id));
