import { saveApprovalSettings } from '@/server/modules/approvals/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZSettings } from './approval-policies.schema.ts';

export const saveSettings = permissionProcedure('admin.policies.manage')
  .input(ZSettings)
  .output(ZSettings)
  .mutation(({ ctx, input }) => saveApprovalSettings(ctx.db, ctx.actor, input));
