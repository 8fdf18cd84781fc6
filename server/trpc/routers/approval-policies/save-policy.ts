import { saveApprovalPolicy } from '@/server/modules/approvals/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZIdOutput, ZSavePolicyInput } from './approval-policies.schema.ts';

export const savePolicy = permissionProcedure('admin.policies.manage')
  .input(ZSavePolicyInput)
  .output(ZIdOutput)
  .mutation(({ ctx, input }) => saveApprovalPolicy(ctx.db, ctx.actor, input));
