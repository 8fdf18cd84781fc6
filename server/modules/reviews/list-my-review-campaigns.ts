import type { TUserActor } from '@/server/auth/actor.ts';
import type { ReviewCampaignKind, ReviewCampaignStatus } from '@/prisma/generated/enums.ts';
import type { TDb } from '@/server/db/client.ts';
import { mineCondition, myReviewScope, waitingForMe } from './my-review-scope.ts';

export type TMyReviewCampaign = {
  id: string;
  name: string;
  kind: ReviewCampaignKind;
  status: ReviewCampaignStatus;
  dueAt: Date;
  /** The reader's items: those waiting for them and those they are done with. */
  mine: { done: number; total: number };
  /** Every item of the campaign, whoever reviews it. */
  overall: { done: number; total: number };
};

/** Closed campaigns stay in the list this long, so a reviewer sees the outcome of what they finished. */
const CLOSED_SHOWN_DAYS = 30;

/**
 * The campaigns the reader has review work in (running, or closed in the last month), due soonest
 * first, with "done of total" for their own items and for the whole campaign. An item is done for
 * the reader once it no longer waits for them (decided, reassigned, moved on to the next stage).
 */
export async function listMyReviewCampaigns(
  db: TDb,
  actor: TUserActor,
  deps: { now: Date },
): Promise<TMyReviewCampaign[]> {
  const scope = await myReviewScope(db, actor);
  const closedSince = new Date(deps.now.getTime() - CLOSED_SHOWN_DAYS * 86_400_000);
  return db.$queryRaw<TMyReviewCampaign[]>`
    WITH mine AS (
      SELECT i."campaignId", count(*)::int AS "total", count(*) FILTER (WHERE NOT ${waitingForMe(scope)})::int AS "done"
        FROM "ReviewItem" i JOIN "ReviewCampaign" c ON c."id" = i."campaignId"
       WHERE (c."status" = 'ACTIVE' OR (c."status" = 'CLOSED' AND c."closedAt" >= ${closedSince}))
         AND ${mineCondition(scope)}
       GROUP BY i."campaignId")
    SELECT c."id", c."name", c."kind", c."status", c."dueAt",
           json_build_object('done', m."done", 'total', m."total") AS "mine",
           (SELECT json_build_object('done', count(*) FILTER (WHERE x."status" <> 'PENDING'), 'total', count(*))
              FROM "ReviewItem" x WHERE x."campaignId" = c."id") AS "overall"
      FROM mine m JOIN "ReviewCampaign" c ON c."id" = m."campaignId"
     ORDER BY (c."status" = 'ACTIVE') DESC, c."dueAt", c."name"`;
}

/** Whether the reader has review work at all (a running campaign with their items), and how many wait: for the navigation. */
export async function countMyReviewItems(
  db: TDb,
  actor: TUserActor,
): Promise<{ hasReviews: boolean; waiting: number }> {
  const scope = await myReviewScope(db, actor);
  const [row] = await db.$queryRaw<Array<{ any: boolean; waiting: number }>>`
    SELECT count(*) > 0 AS "any", count(*) FILTER (WHERE ${waitingForMe(scope)})::int AS "waiting"
      FROM "ReviewItem" i JOIN "ReviewCampaign" c ON c."id" = i."campaignId"
     WHERE c."status" = 'ACTIVE' AND ${mineCondition(scope)}`;
  return { hasReviews: row?.any ?? false, waiting: row?.waiting ?? 0 };
}
