import { z } from 'zod';
import { GrantSource, ReviewDecisionKind, ReviewItemStatus } from '@/prisma/generated/enums.ts';
import { MY_QUEUE_MAX } from '@/server/modules/reviews/index.ts';
import { ZId, ZRisk } from '../shared.schema.ts';

export const ZMyQueueInput = z.object({
  campaignId: ZId.optional(),
  status: z.enum(['WAITING', 'DONE', 'ALL']).default('WAITING'),
  text: z.string().trim().max(100).optional(),
  groupBy: z.enum(['PERSON', 'ENTITLEMENT']).default('PERSON'),
  limit: z.number().int().min(1).max(MY_QUEUE_MAX).default(200),
});

const ZRef = z.object({ id: z.string(), name: z.string() });
const ZPeers = z.object({ count: z.number(), names: z.array(z.string()) });

/** An item as its reviewer sees it: who, what, risk, the context at the campaign's start and the advice. */
export const ZMyReviewItem = z.object({
  id: z.string(),
  campaign: z.object({ id: z.string(), name: z.string(), dueAt: z.date() }),
  status: z.enum(ReviewItemStatus),
  isWaiting: z.boolean(),
  stage: z.number(),
  person: z.object({
    id: z.string(),
    displayName: z.string(),
    username: z.string(),
    title: z.string().nullable(),
    department: z.string().nullable(),
  }),
  entitlement: ZRef.nullable(),
  role: ZRef.nullable(),
  application: ZRef.nullable(),
  risk: ZRisk,
  grantedAt: z.date(),
  context: z.object({
    why: z.string().nullable(),
    lastUsedAt: z.date().nullable(),
    endsAt: z.date().nullable(),
    peers: z.object({
      manager: ZPeers.nullable(),
      department: ZPeers.nullable(),
      title: ZPeers.extend({ ofTotal: z.number().nullable() }).nullable(),
    }),
    sod: z.array(z.object({ rule: z.string(), explanation: z.string().nullable() })),
    /** Why the identity team reviews it, when nobody else could. */
    fallback: z.string().nullable(),
  }),
  recommendation: z.string().nullable(),
  /** Every other grant through which the person holds the same access (a birthright rule, a role, a request). */
  alsoHeldThrough: z.array(z.object({ grantId: z.string(), source: z.enum(GrantSource), why: z.string() })),
  /** What revoking does when another grant keeps the access; null when the access simply ends. */
  revokeNote: z.string().nullable(),
  decidedAt: z.date().nullable(),
  lastDecision: z
    .object({
      decision: z.enum(ReviewDecisionKind),
      comment: z.string().nullable(),
      by: z.string().nullable(),
      at: z.date(),
    })
    .nullable(),
});

export const ZMyQueueOutput = z.object({ rows: z.array(ZMyReviewItem), total: z.number() });
export type TMyReviewItemOut = z.infer<typeof ZMyReviewItem>;
