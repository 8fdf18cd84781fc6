import { z } from 'zod';
import { ZPersonRef, ZRisk } from '../shared.schema.ts';

export const ZRequestStatus = z.enum(['PENDING', 'APPROVED', 'DENIED', 'CANCELLED', 'EXPIRED']);

export const ZListMyRequestsInput = z
  .object({
    limit: z.number().int().min(1).max(200).default(50),
    status: ZRequestStatus.optional(),
    /** A request number (REQ-3F9A01BC, or its first digits) or words of the item's or application's name. */
    search: z.string().trim().max(200, 'search: at most 200 characters').optional(),
  })
  .default({ limit: 50 });

export const ZTimelineEvent = z.object({
  at: z.date(),
  kind: z.enum([
    'submitted',
    'approved',
    'denied',
    'cancelled',
    'expired',
    'provisioning',
    'retrying',
    'provisioned',
    'failed',
    'ended',
  ]),
  title: z.string(),
  detail: z.string().nullish(),
  actor: z.string().nullish(),
});

export const ZMyRequest = z.object({
  id: z.string(),
  kind: z.enum(['GRANT', 'EXTEND']),
  batchId: z.string(),
  status: ZRequestStatus,
  justification: z.string(),
  requestedEndsAt: z.date().nullable(),
  approvedEndsAt: z.date().nullable(),
  createdAt: z.date(),
  decidedAt: z.date().nullable(),
  requester: ZPersonRef,
  beneficiary: ZPersonRef,
  /** It is for someone other than the caller (whom the page names); the server compares the ids. */
  forSomeoneElse: z.boolean(),
  /** It is the caller's own access, asked for by someone else (whom the page names); the server compares the ids. */
  askedBySomeoneElse: z.boolean(),
  /** The caller may cancel it: they asked for it and it is still pending (cancelAccessRequest's rule). */
  canCancel: z.boolean(),
  entitlement: z
    .object({ id: z.string(), name: z.string(), risk: ZRisk, application: z.object({ name: z.string() }) })
    .nullable(),
  role: z.object({ id: z.string(), name: z.string(), risk: ZRisk }).nullable(),
  provisioning: z.object({
    state: z.enum(['none', 'provisioning', 'retrying', 'provisioned', 'failed']),
    reason: z.string().nullable(),
  }),
  /** The access it granted has ended: revoked (by whom, when a person did) or expired. */
  accessEnded: z
    .object({
      at: z.date(),
      status: z.enum(['REVOKED', 'EXPIRED']),
      by: z.string().nullable(),
      reason: z.string().nullable(),
    })
    .nullable(),
  pendingWith: z.array(z.string()),
  chain: z.array(
    z.object({
      name: z.string(),
      status: z.string(),
      kind: z.string(),
      approvals: z.number(),
      required: z.number(),
    }),
  ),
  autoApprovedBy: z.string().nullable(),
  viaAgent: z.boolean(),
  sod: z.array(z.object({ ruleName: z.string(), status: z.string(), explanation: z.string() })),
  timeline: z.array(ZTimelineEvent),
});
export const ZListMyRequestsOutput = z.array(ZMyRequest);
export type TMyRequest = z.infer<typeof ZMyRequest>;
