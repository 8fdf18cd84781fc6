import type { TDb } from '@/server/db/client.ts';

/** "34 of 120 done": an item is done once it is no longer waiting for a decision. */
export type TProgress = { done: number; total: number };

/** Each campaign's progress, counted in one query. Campaigns with no items yet read 0 of 0. */
export async function countCampaignProgress(db: TDb, campaignIds: string[]): Promise<Map<string, TProgress>> {
  const progress = new Map<string, TProgress>(campaignIds.map((id) => [id, { done: 0, total: 0 }]));
  if (campaignIds.length === 0) return progress;
  const groups = await db.reviewItem.groupBy({
    by: ['campaignId', 'status'],
    where: { campaignId: { in: campaignIds } },
    _count: { _all: true },
  });
  for (const g of groups) {
    const p = progress.get(g.campaignId)!;
    p.total += g._count._all;
    if (g.status !== 'PENDING') p.done += g._count._all;
  }
  return progress;
}
