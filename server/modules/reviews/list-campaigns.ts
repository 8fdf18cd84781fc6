import { z } from 'zod';
import { ReviewCampaignStatus } from '@/prisma/generated/enums.ts';
import type { TDb } from '@/server/db/client.ts';
import { countCampaignProgress } from './campaign-progress.ts';

export const ZListCampaignsFilters = z.object({
  status: z.enum(ReviewCampaignStatus).optional(),
  kind: z.enum(['CAMPAIGN', 'MOVER']).optional(),
});
export type TListCampaignsFilters = z.infer<typeof ZListCampaignsFilters>;

/**
 * Campaigns, newest start first, each with its progress. A page at a time (offset: campaigns are
 * counted in dozens a year, not millions).
 */
export async function listCampaigns(
  db: TDb,
  filters: TListCampaignsFilters,
  page: { offset: number; limit: number },
) {
  const where = {
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.kind ? { kind: filters.kind } : {}),
  };
  const [rows, total] = await Promise.all([
    db.reviewCampaign.findMany({
      where,
      orderBy: [{ startsAt: 'desc' }, { createdAt: 'desc' }, { id: 'asc' }],
      skip: page.offset,
      take: page.limit,
      select: {
        id: true,
        name: true,
        kind: true,
        status: true,
        startsAt: true,
        dueAt: true,
        startedAt: true,
        closedAt: true,
        recurrenceMonths: true,
        subject: { select: { id: true, displayName: true } },
      },
    }),
    db.reviewCampaign.count({ where }),
  ]);
  const progress = await countCampaignProgress(
    db,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) => ({ ...r, progress: progress.get(r.id)! })),
    total,
    nextOffset: page.offset + rows.length < total ? page.offset + rows.length : null,
  };
}
