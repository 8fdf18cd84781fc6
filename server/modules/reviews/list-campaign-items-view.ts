import type { TDb } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import type { TCampaignItemsFilters } from './campaign-items-filters.ts';
import {
  countCampaignItems,
  decodeItemCursor,
  encodeItemCursor,
  listCampaignItemsPage,
} from './list-campaign-items.ts';

/** A page of a campaign's items for a screen: the cursor as text, the count on the first page. */
export async function listCampaignItems(
  db: TDb,
  campaignId: string,
  filters: TCampaignItemsFilters,
  page: { cursor: string | null; limit: number },
) {
  const after = page.cursor ? decodeItemCursor(page.cursor) : null;
  const campaign = await db.reviewCampaign.findUnique({ where: { id: campaignId }, select: { id: true } });
  if (!campaign) throw new AppError('NOT_FOUND', 'No such campaign');
  const [items, total] = await Promise.all([
    listCampaignItemsPage(db, campaignId, filters, { after, limit: page.limit + 1 }),
    after ? null : countCampaignItems(db, campaignId, filters),
  ]);
  const more = items.length > page.limit;
  const shown = more ? items.slice(0, page.limit) : items;
  const last = shown.at(-1);
  return {
    items: shown,
    nextCursor: more && last ? encodeItemCursor({ name: last.identity.displayName, id: last.id }) : null,
    total,
  };
}
