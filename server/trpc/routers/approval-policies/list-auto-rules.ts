import { z } from 'zod';
import { listAutoApprovalRules } from '@/server/modules/approvals/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZAutoRule } from './approval-policies.schema.ts';

export const listAutoRules = permissionProcedure('admin.policies.manage')
  .output(z.array(ZAutoRule))
  .query(({ ctx }) => listAutoApprovalRules(ctx.db));
