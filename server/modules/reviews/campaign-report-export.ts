import { z } from 'zod';
import type { TDb } from '@/server/db/client.ts';
import { keysetPages } from '@/server/lib/csv-export.ts';
import { defineReportExport } from '@/server/lib/report-export.ts';
import { CAMPAIGN_ITEMS_FILTERS } from './campaign-items-filters.ts';
import { listCampaignItemsPage, type TCampaignItemRow, type TItemCursor } from './list-campaign-items.ts';

/** The report's filters: the campaign, and the items' filters as its page carries them. */
export const ZCampaignReportFilters = z.object({
  campaign: z.string().uuid('is not a campaign id'),
  ...CAMPAIGN_ITEMS_FILTERS,
});

/** One line of the file: an item with one of its decisions, or with none when it has none. */
type TLine = {
  campaign: string;
  item: TCampaignItemRow;
  decision: TCampaignItemRow['decisions'][number] | null;
};

const outcome = (item: TCampaignItemRow) => {
  if (item.status === 'PENDING') return 'Undecided';
  if (item.status === 'ENDED') return 'Access ended by other means';
  const last = item.decisions.at(-1);
  const auto = last && !last.decider ? ' automatically at the due date' : '';
  return item.status === 'KEPT' ? `Kept${auto}` : `Revoked${auto}`;
};

async function* campaignLines(
  db: TDb,
  filters: z.output<typeof ZCampaignReportFilters>,
): AsyncGenerator<TLine[]> {
  const { campaign: campaignId, ...itemFilters } = filters;
  const campaign = await db.reviewCampaign.findUnique({ where: { id: campaignId }, select: { name: true } });
  if (!campaign) return;
  const pages = keysetPages(
    (after: TItemCursor | null, limit) =>
      listCampaignItemsPage(db, campaignId, itemFilters, { after, limit }),
    (r) => ({ name: r.identity.displayName, id: r.id }),
    500,
  );
  for await (const page of pages) {
    yield page.flatMap((item): TLine[] =>
      item.decisions.length
        ? item.decisions.map((decision) => ({ campaign: campaign.name, item, decision }))
        : [{ campaign: campaign.name, item, decision: null }],
    );
  }
}

/**
 * GET /api/reports/access-review/export?campaign=<id>&<the page's filters>: one line per decision on
 * each item (an undecided item has one line with no decision), with what became of it and, for a
 * revocation, what provisioning did in the target. The report page reads the same items.
 */
export const campaignReportExport = defineReportExport({
  permission: 'reviews.read',
  input: ZCampaignReportFilters,
  filename: (f) => `access-review-${f.campaign.slice(0, 8)}-${new Date().toISOString().slice(0, 10)}`,
  rows: (db, _actor, filters) => campaignLines(db, filters),
  columns: [
    { header: 'Campaign', value: (l) => l.campaign },
    { header: 'Item id', value: (l) => l.item.id },
    { header: 'Person', value: (l) => l.item.identity.displayName },
    { header: 'Username', value: (l) => l.item.identity.username },
    { header: 'Department', value: (l) => l.item.identity.department },
    {
      header: 'Access',
      value: (l) => l.item.entitlement?.name ?? (l.item.role ? `Role: ${l.item.role.name}` : null),
    },
    { header: 'Application', value: (l) => l.item.entitlement?.application.name },
    { header: 'Risk', value: (l) => l.item.entitlement?.risk ?? l.item.role?.risk },
    { header: 'Stage', value: (l) => l.decision?.stage },
    { header: 'Decision', value: (l) => l.decision?.decision },
    { header: 'Decided at', value: (l) => l.decision?.decidedAt },
    {
      header: 'Decided by',
      value: (l) =>
        l.decision ? (l.decision.decider?.displayName ?? 'Automatically at the due date') : null,
    },
    { header: 'Reassigned to', value: (l) => l.decision?.reassignedTo?.displayName },
    { header: 'Comment', value: (l) => l.decision?.comment },
    { header: 'Outcome', value: (l) => outcome(l.item) },
    { header: 'Revoked at', value: (l) => l.item.revokedAt },
    {
      header: 'Provisioning',
      value: (l) =>
        l.item.provisioning
          .map(
            (o) =>
              `${o.kind} in ${o.application.name}: ${o.status}${o.finishedAt ? ` at ${o.finishedAt.toISOString()}` : ''}${o.targetId ? ` (target id ${o.targetId})` : ''}${o.lastError ? `; ${o.lastError}` : ''}`,
          )
          .join('; '),
    },
  ],
});
