import type { TUserActor } from '@/server/auth/actor.ts';
import { Prisma, type TDb } from '@/server/db/client.ts';
import { itemsAssignedTo } from './assigned-to.ts';

/**
 * A reviewer's items, for the queue's joins and counts: those waiting for them now, by the engine's
 * one rule (assigned-to.ts, what decide allows: theirs, their team's, the identity team's fallback;
 * never their own access; pending in a running campaign), and those they decided at some stage (kept
 * at stage 1 by the manager, the item moved on to the owner).
 */
export type TMyReviewScope = { identityId: string; waitingIds: string[] };

export async function myReviewScope(db: TDb, actor: TUserActor): Promise<TMyReviewScope> {
  const waiting = await db.reviewItem.findMany({
    where: await itemsAssignedTo(db, actor),
    select: { id: true },
  });
  return { identityId: actor.identityId, waitingIds: waiting.map((i) => i.id) };
}

/** The SQL condition that an item aliased `i` waits for the scope's person. */
export function waitingForMe(scope: TMyReviewScope): Prisma.Sql {
  return scope.waitingIds.length ? Prisma.sql`i."id" = ANY(${scope.waitingIds}::uuid[])` : Prisma.sql`FALSE`;
}

/** The SQL condition that an item aliased `i` is the scope's person's work, waiting or done. */
export function mineCondition(scope: TMyReviewScope): Prisma.Sql {
  return Prisma.sql`(${waitingForMe(scope)} OR EXISTS (
    SELECT 1 FROM "ReviewDecision" d WHERE d."itemId" = i."id" AND d."deciderId" = ${scope.identityId}::uuid))`;
}
