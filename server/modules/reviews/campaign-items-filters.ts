import { z } from 'zod';
import type { Prisma } from '@/server/db/client.ts';
import { likeLiteral } from '@/server/db/count-capped.ts';
import { ZChoiceFilter, ZTextFilter } from '@/server/lib/query-filters.ts';

/**
 * A campaign's items' filters, as the admin page, the auditor's report page (its query string) and
 * the CSV export carry them: strings, '' is none.
 */
export const CAMPAIGN_ITEMS_FILTERS = {
  status: ZChoiceFilter(['PENDING', 'KEPT', 'REVOKED', 'ENDED']),
  /** Items this person (or team) must decide, or decided at some stage. */
  reviewer: z
    .union([z.literal(''), z.string().uuid('is not a reviewer id')])
    .optional()
    .transform((v) => v || undefined),
  /** Items with at least one decision of this kind. */
  decision: ZChoiceFilter(['KEEP', 'REVOKE', 'REASSIGN', 'ESCALATE']),
  /** A person's name or username, or an entitlement's, application's or role's name. */
  search: ZTextFilter,
};
export const ZCampaignItemsFilters = z.object(CAMPAIGN_ITEMS_FILTERS);
export type TCampaignItemsFilters = Partial<z.output<typeof ZCampaignItemsFilters>>;

export function campaignItemsWhere(
  campaignId: string,
  f: TCampaignItemsFilters,
): Prisma.ReviewItemWhereInput {
  const and: Prisma.ReviewItemWhereInput[] = [{ campaignId }];
  if (f.status) and.push({ status: f.status });
  if (f.reviewer)
    and.push({
      OR: [
        { reviewerId: f.reviewer },
        { reviewerTeamId: f.reviewer },
        { decisions: { some: { deciderId: f.reviewer } } },
      ],
    });
  if (f.decision) and.push({ decisions: { some: { decision: f.decision } } });
  if (f.search) {
    const contains = { contains: likeLiteral(f.search), mode: 'insensitive' as const };
    and.push({
      OR: [
        { identity: { displayName: contains } },
        { identity: { username: contains } },
        { entitlement: { name: contains } },
        { entitlement: { application: { name: contains } } },
        { role: { name: contains } },
      ],
    });
  }
  return { AND: and };
}
