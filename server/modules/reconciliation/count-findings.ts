import type { TUserActor } from '@/server/auth/actor.ts';
import type { FindingKind } from '@/prisma/generated/enums.ts';
import type { TDb } from '@/server/db/client.ts';
import { reviewScopeOf, scopeCondition } from './review-scope.ts';

/**
 * The findings still waiting (OPEN or IN_PROGRESS) in the actor's review scope, by application and
 * by kind: the queue's badges and the navigation's count. `mayReview` says whether the queue is
 * theirs at all.
 */
export async function countFindings(db: TDb, actor: TUserActor) {
  const scope = await reviewScopeOf(db, actor);
  if (scope.kind === 'NONE') return { mayReview: false, total: 0, byApplication: [], byKind: [] };
  const rows = await db.$queryRaw<
    Array<{ applicationId: string; applicationName: string; kind: FindingKind; count: number }>
  >`
    SELECT f."applicationId", a."name" AS "applicationName", f."kind", count(*)::int AS "count"
      FROM "ReconciliationFinding" f JOIN "Application" a ON a."id" = f."applicationId"
     WHERE f."status" IN ('OPEN', 'IN_PROGRESS') AND ${scopeCondition(scope)}
     GROUP BY f."applicationId", a."name", f."kind"`;
  const byApplication = new Map<string, { applicationId: string; name: string; count: number }>();
  const byKind = new Map<FindingKind, number>();
  for (const r of rows) {
    const app = byApplication.get(r.applicationId) ?? {
      applicationId: r.applicationId,
      name: r.applicationName,
      count: 0,
    };
    app.count += r.count;
    byApplication.set(r.applicationId, app);
    byKind.set(r.kind, (byKind.get(r.kind) ?? 0) + r.count);
  }
  return {
    mayReview: true,
    total: rows.reduce((n, r) => n + r.count, 0),
    byApplication: [...byApplication.values()].sort((a, b) => a.name.localeCompare(b.name)),
    byKind: [...byKind.entries()]
      .map(([kind, count]) => ({ kind, count }))
      .sort((a, b) => a.kind.localeCompare(b.kind)),
  };
}
