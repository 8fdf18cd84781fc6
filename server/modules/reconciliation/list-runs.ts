import { Prisma, type TDb } from '@/server/db/client.ts';
import type { FindingKind, ReconciliationMode, ReconciliationRunStatus } from '@/prisma/generated/enums.ts';
import { z } from 'zod';
import { AppError } from '@/server/lib/app-error.ts';
import { pageCursorCodec, ZCursorDate } from '@/server/lib/page-cursor.ts';

/**
 * Reconciliation runs as the identity team follows them: while they run (live counters, polled) and
 * afterwards (duration, what was read, the findings each first found by kind, the error, why a run
 * was held). Newest first, a page at a time (keyset on startedAt, id).
 */
export type TRunView = {
  id: string;
  application: { id: string; name: string };
  mode: ReconciliationMode;
  trigger: string;
  status: ReconciliationRunStatus;
  startedAt: Date;
  finishedAt: Date | null;
  durationMs: number | null;
  accountsRead: number;
  membershipsRead: number;
  entitlementsRead: number;
  findingsOpened: number;
  findingsClosed: number;
  /** The findings this run was the first to find, by kind. */
  findingsByKind: Array<{ kind: FindingKind; count: number }>;
  error: string | null;
  heldReason: string | null;
  requestedBy: string | null;
  person: { id: string; displayName: string } | null;
  confirmedBy: string | null;
};
/** Where a page of runs ends: the last run's start and id (the keyset), opaque to the caller. */
const runCursors = pageCursorCodec('reconciliation runs', z.object({ startedAt: ZCursorDate, id: z.uuid() }));

type TRow = Omit<TRunView, 'application' | 'durationMs' | 'findingsByKind' | 'person'> & {
  applicationId: string;
  applicationName: string;
  personId: string | null;
  personName: string | null;
  findingsByKind: Array<{ kind: FindingKind; count: number }> | null;
};

async function queryRuns(db: TDb, where: Prisma.Sql, limit: number, now: Date): Promise<TRunView[]> {
  const rows = await db.$queryRaw<TRow[]>`
    SELECT r."id", r."mode", r."trigger", r."status", r."startedAt", r."finishedAt", r."accountsRead", r."membershipsRead", r."entitlementsRead",
           r."findingsOpened", r."findingsClosed", r."error", r."heldReason",
           a."id" AS "applicationId", a."name" AS "applicationName",
           q."displayName" AS "requestedBy", p."id" AS "personId", p."displayName" AS "personName", c."displayName" AS "confirmedBy",
           (SELECT json_agg(json_build_object('kind', k."kind", 'count', k."count") ORDER BY k."kind"::text)
              FROM (SELECT f."kind", count(*)::int AS "count" FROM "ReconciliationFinding" f WHERE f."runId" = r."id" GROUP BY f."kind") k) AS "findingsByKind"
      FROM "ReconciliationRun" r
      JOIN "Application" a ON a."id" = r."applicationId"
      LEFT JOIN "Identity" q ON q."id" = r."requestedById"
      LEFT JOIN "Identity" p ON p."id" = r."identityId"
      LEFT JOIN "Identity" c ON c."id" = r."confirmedById"
     WHERE ${where}
     ORDER BY r."startedAt" DESC, r."id" DESC
     LIMIT ${limit}`;
  return rows.map(({ applicationId, applicationName, personId, personName, ...r }) => {
    // A run still going counts up to now: the page shows how long it has been running.
    const end = r.finishedAt ?? (r.status === 'RUNNING' ? now : null);
    return {
      ...r,
      application: { id: applicationId, name: applicationName },
      person: personId && personName ? { id: personId, displayName: personName } : null,
      findingsByKind: r.findingsByKind ?? [],
      durationMs: end ? Math.max(0, end.getTime() - r.startedAt.getTime()) : null,
    };
  });
}

export async function listRuns(
  db: TDb,
  q: { applicationId?: string; cursor?: string | null; limit?: number },
  deps: { now: Date },
) {
  const limit = Math.min(Math.max(q.limit ?? 25, 1), 100);
  const where = [Prisma.sql`TRUE`];
  if (q.applicationId) where.push(Prisma.sql`r."applicationId" = ${q.applicationId}::uuid`);
  const after = q.cursor ? runCursors.decode(q.cursor) : null;
  if (after) where.push(Prisma.sql`(r."startedAt", r."id") < (${after.startedAt}, ${after.id}::uuid)`);
  const rows = await queryRuns(db, Prisma.join(where, ' AND '), limit, deps.now);
  const last = rows.at(-1);
  return {
    rows,
    next:
      rows.length === limit && last ? runCursors.encode({ startedAt: last.startedAt, id: last.id }) : null,
  };
}

export async function getRun(db: TDb, input: { runId: string }, deps: { now: Date }): Promise<TRunView> {
  const [run] = await queryRuns(db, Prisma.sql`r."id" = ${input.runId}::uuid`, 1, deps.now);
  if (!run) throw new AppError('NOT_FOUND', 'No such reconciliation run');
  return run;
}
