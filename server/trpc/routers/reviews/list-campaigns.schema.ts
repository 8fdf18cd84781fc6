import { z } from 'zod';
import { ReviewCampaignKind, ReviewCampaignStatus } from '@/prisma/generated/enums.ts';
import { ZListCampaignsFilters } from '@/server/modules/reviews/index.ts';
import { ZPersonRef } from '../shared.schema.ts';

export const ZListCampaignsInput = ZListCampaignsFilters.extend({
  /** How many campaigns to skip (campaigns are dozens a year: an offset is enough). */
  cursor: z.number().int().min(0).max(100_000).nullish(),
  limit: z.number().int().min(1).max(200).default(50),
});

export const ZProgress = z.object({ done: z.number(), total: z.number() });

export const ZListCampaignsOutput = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      kind: z.enum(ReviewCampaignKind),
      status: z.enum(ReviewCampaignStatus),
      startsAt: z.date(),
      dueAt: z.date(),
      startedAt: z.date().nullable(),
      closedAt: z.date().nullable(),
      recurrenceMonths: z.number().nullable(),
      subject: ZPersonRef.nullable(),
      progress: ZProgress,
    }),
  ),
  total: z.number(),
  nextCursor: z.number().nullable(),
});
export type TCampaignListRow = z.infer<typeof ZListCampaignsOutput>['items'][number];
