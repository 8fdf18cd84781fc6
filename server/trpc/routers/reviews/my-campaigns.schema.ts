import { z } from 'zod';
import { ReviewCampaignKind, ReviewCampaignStatus } from '@/prisma/generated/enums.ts';

const ZProgress = z.object({ done: z.number(), total: z.number() });

export const ZMyCampaignsOutput = z.array(
  z.object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(ReviewCampaignKind),
    status: z.enum(ReviewCampaignStatus),
    dueAt: z.date(),
    mine: ZProgress,
    overall: ZProgress,
  }),
);
