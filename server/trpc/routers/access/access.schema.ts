import { z } from 'zod';
import { ZRisk } from '../shared.schema.ts';

export const ZAccessItem = z.object({
  grantId: z.string(),
  entitlement: z.object({ id: z.string(), name: z.string(), risk: ZRisk }),
  since: z.date(),
  endsAt: z.date().nullable(),
  why: z.object({
    source: z.enum(['REQUEST', 'BIRTHRIGHT', 'ADMIN', 'RECONCILIATION', 'SEED']),
    requestId: z.string().nullable(),
    approvedBy: z.string().nullable(),
    ruleName: z.string().nullable(),
    roleName: z.string().nullable(),
  }),
  canRelinquish: z.boolean(),
  state: z.enum(['active', 'provisioning', 'retrying', 'failed', 'pending']),
  reason: z.string().nullable(),
});

export const ZApplicationAccess = z.object({
  /** enabled false: provisioning to it is paused, and a change there waits until it is enabled again. */
  application: z.object({ id: z.string(), name: z.string(), enabled: z.boolean() }),
  account: z
    .object({
      username: z.string(),
      nativeId: z.string().nullable(),
      status: z.enum(['ACTIVE', 'DISABLED', 'DELETED']),
    })
    .nullable(),
  items: z.array(ZAccessItem),
});
export const ZAccessList = z.array(ZApplicationAccess);
export type TApplicationAccess = z.infer<typeof ZApplicationAccess>;
