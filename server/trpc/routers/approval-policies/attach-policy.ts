import { attachApprovalPolicy } from '@/server/modules/approvals/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZAttachPolicyInput, ZAttachPolicyOutput } from './approval-policies.schema.ts';

export const attachPolicy = permissionProcedure('admin.policies.manage')
  .input(ZAttachPolicyInput)
  .output(ZAttachPolicyOutput)
  .mutation(({ ctx, input }) => attachApprovalPolicy(ctx.db, ctx.actor, input));
