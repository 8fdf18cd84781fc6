import { z } from 'zod';
import { ReviewDecisionKind, ReviewItemStatus } from '@/prisma/generated/enums.ts';
import { CAMPAIGN_ITEMS_FILTERS } from '@/server/modules/reviews/index.ts';
import { ZOperation } from '../request-reports/get-request-evidence.schema.ts';
import { ZId, ZPersonRef, ZRisk } from '../shared.schema.ts';

export const ZCampaignItemsInput = z.object({
  campaignId: ZId,
  ...CAMPAIGN_ITEMS_FILTERS,
  cursor: z.string().max(2000).nullish(),
  limit: z.number().int().min(1).max(200).default(50),
});

export const ZCampaignItem = z.object({
  id: z.string(),
  grantId: z.string(),
  stage: z.number(),
  status: z.enum(ReviewItemStatus),
  recommendation: z.string().nullable(),
  decidedAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
  escalatedAt: z.date().nullable(),
  identity: z.object({
    id: z.string(),
    displayName: z.string(),
    username: z.string(),
    department: z.string().nullable(),
  }),
  entitlement: z
    .object({
      id: z.string(),
      name: z.string(),
      risk: ZRisk,
      application: z.object({ id: z.string(), name: z.string() }),
    })
    .nullable(),
  role: z.object({ id: z.string(), name: z.string(), risk: ZRisk }).nullable(),
  reviewer: ZPersonRef.nullable(),
  reviewerTeam: z.object({ id: z.string(), name: z.string() }).nullable(),
  grant: z.object({ status: z.string(), endedAt: z.date().nullable(), revokeReason: z.string().nullable() }),
  decisions: z.array(
    z.object({
      id: z.string(),
      stage: z.number(),
      decision: z.enum(ReviewDecisionKind),
      comment: z.string().nullable(),
      decidedAt: z.date(),
      decider: ZPersonRef.nullable(),
      reassignedTo: ZPersonRef.nullable(),
    }),
  ),
  provisioning: z.array(ZOperation),
  /** A revoked item's other grants that kept the access at the revocation, in words; null when none did. */
  keptThrough: z.string().nullable(),
  /** An item closed because its grant ended by other means: when, by whom, why. */
  endedNote: z.string().nullable(),
});
export type TCampaignItemView = z.infer<typeof ZCampaignItem>;

export const ZCampaignItemsOutput = z.object({
  items: z.array(ZCampaignItem),
  nextCursor: z.string().nullable(),
  /** Counted on the first page only. */
  total: z.number().nullable(),
});
