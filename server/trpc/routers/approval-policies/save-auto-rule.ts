import { saveAutoApprovalRule } from '@/server/modules/approvals/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZIdOutput, ZSaveAutoRuleInput } from './approval-policies.schema.ts';

export const saveAutoRule = permissionProcedure('admin.policies.manage')
  .input(ZSaveAutoRuleInput)
  .output(ZIdOutput)
  .mutation(({ ctx, input }) => saveAutoApprovalRule(ctx.db, ctx.actor, input));
