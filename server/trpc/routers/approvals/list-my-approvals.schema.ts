import { z } from 'zod';
import { ZPersonRef, ZRisk } from '../shared.schema.ts';

export const ZListMyApprovalsInput = z.object({ status: z.enum(['PENDING', 'DECIDED']).default('PENDING') }).default({ status: 'PENDING' });

export const ZApprovalItem = z.object({
  id: z.string(),
  status: z.string(),
  reason: z.string(),
  comment: z.string().nullable(),
  decidedAt: z.date().nullable(),
  createdAt: z.date(),
  stage: z.object({ name: z.string(), position: z.number(), mode: z.string(), quorum: z.number() }),
  request: z.object({
    id: z.string(),
    justification: z.string(),
    requestedEndsAt: z.date().nullable(),
    createdAt: z.date(),
    status: z.string(),
    requester: ZPersonRef,
    beneficiary: ZPersonRef.extend({ title: z.string().nullable(), department: z.string().nullable() }),
    entitlement: z
      .object({ id: z.string(), name: z.string(), description: z.string(), risk: ZRisk, application: z.object({ name: z.string() }) })
      .nullable(),
    role: z.object({ id: z.string(), name: z.string(), description: z.string(), risk: ZRisk }).nullable(),
  }),
});
export const ZListMyApprovalsOutput = z.array(ZApprovalItem);
export type TApprovalItem = z.infer<typeof ZApprovalItem>;
