import { getApprovalSettings } from '@/server/modules/approvals/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZSettings } from './approval-policies.schema.ts';

export const getSettings = permissionProcedure('admin.policies.manage')
  .output(ZSettings)
  .query(({ ctx }) => getApprovalSettings(ctx.db));
