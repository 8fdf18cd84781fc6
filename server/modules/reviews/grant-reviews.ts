import { Prisma, type TDb } from '@/server/db/client.ts';
import { queryArrays } from '@/server/db/query-arrays.ts';
import type { TDayWriter } from '@/server/shared/format-date.ts';

/** A grant's last settled review: "Reviewed in Q3 Finance access review on 4 Sep 2026 by Mark Oduya: kept". */
export type TGrantReview = {
  campaignId: string;
  campaign: string;
  at: Date;
  by: string | null;
  outcome: 'KEPT' | 'REVOKED';
};

type TRow = [
  grantId: string,
  campaignId: string,
  campaign: string,
  outcome: 'KEPT' | 'REVOKED',
  at: Date,
  by: string | null,
];

/**
 * The last review that settled each grant (kept or revoked), a set at a time beside the rest of
 * the grants' why (grant-why.ts): one index lookup per grant on ReviewItem(grantId, decidedAt). The
 * decider is the last decision's (none: the campaign settled it at its due date). `upTo` is the
 * moment a report answers for: a review decided after it had not happened then.
 */
export async function lastGrantReviews(
  db: TDb,
  grantIds: readonly string[],
  upTo?: Date,
): Promise<Map<string, TGrantReview>> {
  const out = new Map<string, TGrantReview>();
  if (grantIds.length === 0) return out;
  const rows = (await queryArrays(
    db,
    Prisma.sql`
    SELECT g."id"::text AS "grantId", c."id"::text AS "campaignId", c."name" AS "campaign", i."status"::text AS "outcome", i."decidedAt" AS "at", p."displayName" AS "by"
      FROM unnest(${[...new Set(grantIds)]}::uuid[]) AS g("id")
      JOIN LATERAL (
        SELECT "id", "campaignId", "status", "decidedAt" FROM "ReviewItem"
         WHERE "grantId" = g."id" AND "status" IN ('KEPT', 'REVOKED') AND "decidedAt" IS NOT NULL
           ${upTo ? Prisma.sql`AND "decidedAt" <= ${upTo}` : Prisma.empty}
         ORDER BY "decidedAt" DESC, "id" DESC LIMIT 1
      ) i ON TRUE
      JOIN "ReviewCampaign" c ON c."id" = i."campaignId"
      LEFT JOIN LATERAL (
        SELECT "deciderId" FROM "ReviewDecision" WHERE "itemId" = i."id" ORDER BY "decidedAt" DESC, "id" DESC LIMIT 1
      ) d ON TRUE
      LEFT JOIN "Identity" p ON p."id" = d."deciderId"`,
  )) as TRow[];
  for (const [grantId, campaignId, campaign, outcome, at, by] of rows)
    out.set(grantId, { campaignId, campaign, at, by, outcome });
  return out;
}

/** The review in words, for a why line (day: formatDate) and a CSV cell (day: isoDay). */
export const reviewText = (r: TGrantReview, day: TDayWriter) =>
  `reviewed in ${r.campaign} on ${day(r.at)} ${r.by ? `by ${r.by}` : 'automatically at the due date'}: ${r.outcome === 'KEPT' ? 'kept' : 'revoked'}`;
