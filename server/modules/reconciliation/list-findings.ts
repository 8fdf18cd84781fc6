import type { TUserActor } from '@/server/auth/actor.ts';
import { Prisma, type TDb } from '@/server/db/client.ts';
import { z } from 'zod';
import { AppError } from '@/server/lib/app-error.ts';
import { pageCursorCodec, ZCursorDate } from '@/server/lib/page-cursor.ts';
import { likeLiteral } from '@/server/db/count-capped.ts';
import { findingContextQuery, loadFindingsWithContext } from './finding-context.ts';
import { statusesOf, type TFindingFilters } from './finding-filters.ts';
import { reviewScopeOf, scopeCondition } from './review-scope.ts';

export type TFindingKey = { firstSeenAt: Date; id: string };

/** Where a page of the review queue ends (the keyset), opaque to the caller. */
const findingCursors = pageCursorCodec(
  'reconciliation findings',
  z.object({ firstSeenAt: ZCursorDate, id: z.uuid() }),
);

/** The conditions of the queue's filters on a finding aliased `f` (with its context joins). */
export function filterConditions(q: TFindingFilters): Prisma.Sql[] {
  const where = [Prisma.sql`f."status"::text = ANY(${statusesOf(q.status)}::text[])`];
  if (q.application) where.push(Prisma.sql`f."applicationId" = ${q.application}::uuid`);
  if (q.kind) where.push(Prisma.sql`f."kind"::text = ${q.kind}`);
  if (q.entitlement) where.push(Prisma.sql`f."entitlementId" = ${q.entitlement}::uuid`);
  if (q.person) where.push(Prisma.sql`f."identityId" = ${q.person}::uuid`);
  if (q.text) {
    const like = `%${likeLiteral(q.text)}%`;
    where.push(Prisma.sql`(i."displayName" ILIKE ${like} OR i."username" ILIKE ${like} OR e."name" ILIKE ${like}
      OR oa."username" ILIKE ${like} OR oa."nativeId" ILIKE ${like} OR ac."username" ILIKE ${like} OR f."nativeId" ILIKE ${like})`);
  }
  return where;
}

/** The review queue a page at a time, for a caller: the cursor is the previous page's `next`, as it came. */
export async function listFindings(
  db: TDb,
  actor: TUserActor,
  q: TFindingFilters & { cursor?: string | null; limit?: number },
  deps: { now: Date },
) {
  const { cursor, ...filters } = q;
  const after = cursor ? findingCursors.decode(cursor) : null;
  const page = await listFindingsAfter(db, actor, { ...filters, after }, deps);
  return { rows: page.rows, next: page.next ? findingCursors.encode(page.next) : null };
}

/**
 * The review queue: findings the actor may review (review-scope.ts), newest first, a page at a time
 * (keyset on firstSeenAt, id), each with its context. Someone who reviews nothing is refused.
 */
export async function listFindingsAfter(
  db: TDb,
  actor: TUserActor,
  q: TFindingFilters & { after?: TFindingKey | null; limit?: number },
  deps: { now: Date },
) {
  const scope = await reviewScopeOf(db, actor);
  if (scope.kind === 'NONE')
    throw new AppError('FORBIDDEN', 'You own no application or entitlement whose findings you could review.');
  const limit = Math.min(Math.max(q.limit ?? 50, 1), 200);
  const where = [scopeCondition(scope), ...filterConditions(q)];
  if (q.after)
    where.push(Prisma.sql`(f."firstSeenAt", f."id") < (${q.after.firstSeenAt}, ${q.after.id}::uuid)`);
  const query = findingContextQuery(
    Prisma.join(where, ' AND '),
    Prisma.sql`f."firstSeenAt" DESC, f."id" DESC`,
    limit,
    deps.now,
  );
  const rows = await loadFindingsWithContext(db, query, { ...deps, actor });
  const last = rows.at(-1);
  return {
    rows,
    next: rows.length === limit && last ? { firstSeenAt: last.firstSeenAt, id: last.id } : null,
  };
}
