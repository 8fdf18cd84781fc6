import { listApprovalPolicies } from '@/server/modules/approvals/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZListPoliciesOutput } from './approval-policies.schema.ts';

export const listPolicies = permissionProcedure('admin.policies.manage')
  .output(ZListPoliciesOutput)
  .query(({ ctx }) => listApprovalPolicies(ctx.db));
