import { systemActor } from '@/server/auth/actor.ts';
import { inTransaction, Prisma, type TPrisma } from '@/server/db/client.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import { BOSS_SCHEMA } from '@/server/queue/boss.ts';
import type { TRunStats } from './run-source.ts';

const JOBS = Prisma.raw(`"${BOSS_SCHEMA}".job`);

/**
 * Closes the runs nothing will finish: RUNNING, and no sources.run job left to run them (its worker
 * was killed and pg-boss failed the job when its heartbeat lapsed, with no retry left; or the process
 * that ran it without a job, the demo set-up's first sync, stopped). Until then a run with a job
 * waiting, retrying or active is left alone: its job runs it again from the start, and the rows the
 * killed attempt applied are recognised by their stored hash and skipped, so the retry converges.
 *
 * A closed run is PARTIAL (or FAILED when it applied nothing) and says what it applied: the people
 * the source created and updated while it ran, as the audit log records them (each batch's audit
 * events commit with the batch; runs of one source never overlap). Its failed job is deleted: on the
 * source's key_strict_fifo queue a failed job blocks every later run of the source, the one that
 * would apply the rest included. Returns how many runs it closed.
 */
export async function closeInterruptedSourceRuns(db: TPrisma, deps: { now: Date }): Promise<number> {
  // A job names its run (runId), or is a source's cron, which opens its run once active (no runId):
  // such a run is alive while the job that opened it is active, and dead once a retry replaced it.
  const dead = await db.$queryRaw<Array<{ id: string }>>`
    SELECT r.id::text AS id FROM "SourceRun" r
    WHERE r.status = 'RUNNING' AND NOT EXISTS (
      SELECT 1 FROM ${JOBS} j
      WHERE j.name = 'sources.run' AND j.singleton_key = r."sourceId"::text
        AND j.state IN ('created', 'retry', 'active')
        AND (j.data->>'runId' = r.id::text
          OR (j.data->>'runId' IS NULL AND j.state = 'active' AND j.started_on <= r."startedAt")))`;
  let closed = 0;
  for (const { id } of dead) if (await closeRun(db, id, deps.now)) closed++;
  return closed;
}

async function closeRun(db: TPrisma, runId: string, now: Date): Promise<boolean> {
  return inTransaction(db, async (tx) => {
    const [run] = await tx.$queryRaw<
      Array<{ sourceId: string; startedAt: Date; fileName: string | null; stats: TRunStats; name: string }>
    >`
      SELECT r."sourceId"::text AS "sourceId", r."startedAt", r."fileName", r.stats, s.name
      FROM "SourceRun" r JOIN "IdentitySource" s ON s.id = r."sourceId"
      WHERE r.id = ${runId}::uuid AND r.status = 'RUNNING' FOR UPDATE OF r`;
    if (!run) return false;
    // What it applied: its source's people written from its start to the next run's (if one started since).
    const [applied] = await tx.$queryRaw<Array<{ created: number; updated: number }>>`
      SELECT count(*) FILTER (WHERE action = 'identity.created')::int AS created,
             count(*) FILTER (WHERE action = 'identity.updated')::int AS updated
      FROM "AuditEvent"
      WHERE action IN ('identity.created', 'identity.updated') AND metadata->>'source' = ${run.sourceId}
        AND "occurredAt" >= ${run.startedAt}
        AND "occurredAt" < COALESCE((SELECT min(n."startedAt") FROM "SourceRun" n
          WHERE n."sourceId" = ${run.sourceId}::uuid AND n."startedAt" > ${run.startedAt}), 'infinity')`;
    const { created, updated } = applied ?? { created: 0, updated: 0 };
    const status = created + updated > 0 ? 'PARTIAL' : 'FAILED';
    const stats: TRunStats = {
      ...run.stats,
      created,
      updated,
      error:
        `Interrupted: the process running it stopped before it finished, and nothing will finish it. ` +
        `Applied before it stopped: ${created} created, ${updated} updated (as the audit log records them); ` +
        `the rest was not applied. Running ${run.fileName ? 'the same file' : 'the source'} again applies ` +
        `the rest: rows already applied are recognised and skipped.`,
    };
    await tx.sourceRun.update({
      where: { id: runId },
      data: { status, stats: stats as Prisma.InputJsonValue, finishedAt: now },
    });
    await recordAuditEvent(tx, {
      actor: systemActor('SOURCE'),
      action: 'source.run_finished',
      entityType: 'SourceRun',
      entityId: runId,
      after: { source: run.name, status, stats, heldReason: null },
    });
    await tx.$executeRaw`
      DELETE FROM ${JOBS} WHERE name = 'sources.run' AND singleton_key = ${run.sourceId} AND state = 'failed'
        AND (data->>'runId' = ${runId} OR data->>'runId' IS NULL)`;
    return true;
  });
}
