import { z } from 'zod';
import { listPolicyTargets } from '@/server/modules/approvals/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZPolicyTarget } from './approval-policies.schema.ts';

/** Entitlements and roles with the policy that decides each. */
export const listTargets = permissionProcedure('admin.policies.manage')
  .output(z.array(ZPolicyTarget))
  .query(({ ctx }) => listPolicyTargets(ctx.db));
