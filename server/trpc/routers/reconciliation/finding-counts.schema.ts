import { z } from 'zod';
import { FindingKind } from '@/prisma/generated/enums.ts';

export const ZFindingCountsOutput = z.object({
  /** Whether the review queue is the caller's at all (identity team, auditors, owners). */
  mayReview: z.boolean(),
  total: z.number(),
  byApplication: z.array(z.object({ applicationId: z.string(), name: z.string(), count: z.number() })),
  byKind: z.array(z.object({ kind: z.enum(FindingKind), count: z.number() })),
});
