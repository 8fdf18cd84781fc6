import { z } from 'zod';
import { ZApplicationRef, ZId, ZPageCursor, ZPersonRef, ZRisk } from '../shared.schema.ts';

const ZInboxStatus = z.enum(['PENDING', 'DECIDED']);

export const ZListMyApprovalsInput = z
  .object({
    status: ZInboxStatus.default('PENDING'),
    risk: ZRisk.nullish(),
    applicationId: ZId.nullish(),
    /** The requester or the beneficiary. */
    personId: ZId.nullish(),
    /** One request: a notification's link opens it. */
    requestId: ZId.nullish(),
    text: z.string().trim().max(200, 'text: at most 200 characters').nullish(),
    /** Oldest first by default (newest for the decided list). */
    sort: z.enum(['OLDEST', 'NEWEST', 'RISK', 'DUE']).optional(),
    /** The previous page's `next`, as it came. */
    cursor: ZPageCursor.nullish(),
    limit: z.number().int().min(1).max(100).default(25),
  })
  .default({ status: 'PENDING', limit: 25 });

const ZProgress = z.object({
  outcome: z.string(),
  approvals: z.number(),
  denials: z.number(),
  open: z.number(),
  required: z.number(),
  seats: z.number(),
});

export const ZApprovalItem = z.object({
  id: z.string(),
  status: z.string(),
  reason: z.string(),
  comment: z.string().nullable(),
  decidedAt: z.date().nullable(),
  createdAt: z.date(),
  escalatedFromId: z.string().nullable(),
  /** Set when the actor decides as someone's out-of-office stand-in. */
  onBehalfOf: ZPersonRef.nullable(),
  canMitigate: z.boolean(),
  stage: z.object({
    id: z.string(),
    name: z.string(),
    position: z.number(),
    mode: z.string(),
    quorum: z.number(),
    kind: z.string(),
    dueAt: z.date().nullable(),
  }),
  request: z.object({
    id: z.string(),
    kind: z.enum(['GRANT', 'EXTEND']),
    justification: z.string(),
    requestedEndsAt: z.date().nullable(),
    approvedEndsAt: z.date().nullable(),
    currentEndsAt: z.date().nullable(),
    viaAgent: z.boolean(),
    createdAt: z.date(),
    status: z.string(),
    requester: ZPersonRef,
    beneficiary: ZPersonRef.extend({ title: z.string().nullable(), department: z.string().nullable() }),
    entitlement: z
      .object({
        id: z.string(),
        name: z.string(),
        description: z.string(),
        risk: ZRisk,
        application: ZApplicationRef,
      })
      .nullable(),
    role: z.object({ id: z.string(), name: z.string(), description: z.string(), risk: ZRisk }).nullable(),
    chain: z.array(
      z.object({
        name: z.string(),
        position: z.number(),
        status: z.string(),
        kind: z.string(),
        progress: ZProgress,
        approvers: z.array(
          z.object({
            displayName: z.string(),
            status: z.string(),
            reason: z.string(),
            decidedBy: z.string().nullable(),
          }),
        ),
      }),
    ),
    sod: z.array(
      z.object({
        ruleId: z.string(),
        ruleName: z.string(),
        severity: z.enum(['BLOCK', 'MITIGATABLE']),
        status: z.enum(['BLOCKED', 'NEEDS_MITIGATION', 'MITIGATED']),
        explanation: z.string(),
        mitigation: z.object({ control: z.string(), expiresAt: z.date() }).nullable(),
      }),
    ),
    insight: z.object({
      alreadyHolds: z.array(z.string()),
      team: z.object({ size: z.number(), holders: z.number() }),
      history: z.object({
        decided: z.number(),
        approved: z.number(),
        /** The same, counting only the requests for this beneficiary. */
        theirs: z.object({ decided: z.number(), approved: z.number() }),
      }),
    }),
  }),
});
export const ZListMyApprovalsOutput = z.object({
  items: z.array(ZApprovalItem),
  next: z.string().nullable(),
});
export type TApprovalItem = z.infer<typeof ZApprovalItem>;
export type TApprovalPage = z.infer<typeof ZListMyApprovalsOutput>;
