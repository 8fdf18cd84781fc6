import { systemActor } from '@/server/auth/actor.ts';
import { inTransaction, Prisma, type TPrisma } from '@/server/db/client.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import { BOSS_SCHEMA } from '@/server/queue/boss.ts';
import type { TRunStats } from './run-source.ts';

const JOBS = Prisma.raw(`"${BOSS_SCHEMA}".job`);

/**
 * How old a run must be before it can be closed: a run is opened a moment before its process is
 * seen working on it (the demo set-up's first sync has no job at all), and the clocks of the
 * worker and the sweep differ a little. Far shorter than any run that is really stuck.
 */
export const INTERRUPTED_GRACE_MS = 5 * 60_000;
/** How much of a dead job's output the run keeps: its error, not a whole stack. */
const JOB_OUTPUT_LIMIT = 500;

/**
 * Closes the runs nothing will finish: RUNNING for more than INTERRUPTED_GRACE_MS, and no
 * sources.run job left to run them (its worker was killed and pg-boss failed the job when its
 * heartbeat lapsed, with no retry left; or the process that ran it without a job, the demo set-up's
 * first sync, stopped). Until then a run with a job waiting, retrying or active is left alone: its
 * job runs it again from the start, and the rows the killed attempt applied are recognised by their
 * stored hash and skipped, so the retry converges.
 *
 * A closed run is PARTIAL (or FAILED when it applied nothing) and says what it applied: the people
 * the source created and updated while it ran, as the audit log records them (each batch's audit
 * events commit with the batch; runs of one source never overlap), and why its job died, as pg-boss
 * recorded it. That failed job is then deleted: on the source's key_strict_fifo queue a failed job
 * blocks every later run of the source, the one that would apply the rest included. Returns how
 * many runs it closed.
 */
export async function closeInterruptedSourceRuns(db: TPrisma, deps: { now: Date }): Promise<number> {
  const openedBefore = new Date(deps.now.getTime() - INTERRUPTED_GRACE_MS);
  // A job names its run (runId), or is a source's cron, whose run names the job (jobId): pg-boss
  // retries a job in place, so of the runs one cron job opened only the newest can be alive.
  const dead = await db.$queryRaw<Array<{ id: string }>>`
    SELECT r.id::text AS id FROM "SourceRun" r
    WHERE r.status = 'RUNNING' AND r."startedAt" < ${openedBefore} AND NOT EXISTS (
      SELECT 1 FROM ${JOBS} j
      WHERE j.name = 'sources.run' AND j.state IN ('created', 'retry', 'active')
        AND (j.data->>'runId' = r.id::text
          OR (j.id = r."jobId" AND NOT EXISTS (SELECT 1 FROM "SourceRun" n
            WHERE n."jobId" = r."jobId" AND n."startedAt" > r."startedAt"))))
    ORDER BY r."startedAt"`;
  let closed = 0;
  for (const { id } of dead) if (await closeRun(db, id, deps.now)) closed++;
  return closed;
}

/**
 * Deletes the failed sources.run jobs of a source's cron that opened no run (the source could not be
 * read, say, before a run was opened), and says which and why, for the worker's log. On the source's
 * key_strict_fifo queue such a job would block every later run of the source, its next cron
 * included, and no run is left to close and tell why (a cron job's run names its job:
 * closeInterruptedSourceRuns deletes that one once it has said why). Only failed jobs, which pg-boss
 * retries no more; one of a job naming a run is the run's to explain, and is left to the close.
 */
export async function dropFailedRunlessJobs(
  db: TPrisma,
): Promise<Array<{ jobId: string; sourceId: string; source: string | null; error: string | null }>> {
  return db.$queryRaw`
    WITH dropped AS (
      DELETE FROM ${JOBS} j
      WHERE j.name = 'sources.run' AND j.state = 'failed'
        AND j.data->>'runId' IS NULL AND j.data->>'sourceId' IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM "SourceRun" r WHERE r."jobId" = j.id)
      RETURNING j.id, j.data->>'sourceId' AS "sourceId", COALESCE(j.output->>'message', j.output::text) AS error)
    SELECT d.id::text AS "jobId", d."sourceId", s.name AS source, left(d.error, ${JOB_OUTPUT_LIMIT}) AS error
    FROM dropped d LEFT JOIN "IdentitySource" s ON s.id::text = d."sourceId"`;
}

async function closeRun(db: TPrisma, runId: string, now: Date): Promise<boolean> {
  return inTransaction(db, async (tx) => {
    const [run] = await tx.$queryRaw<
      Array<{
        sourceId: string;
        jobId: string | null;
        startedAt: Date;
        fileName: string | null;
        stats: TRunStats;
        name: string;
      }>
    >`
      SELECT r."sourceId"::text AS "sourceId", r."jobId"::text AS "jobId", r."startedAt", r."fileName",
             r.stats, s.name
      FROM "SourceRun" r JOIN "IdentitySource" s ON s.id = r."sourceId"
      WHERE r.id = ${runId}::uuid AND r.status = 'RUNNING' FOR UPDATE OF r`;
    if (!run) return false;
    // What it applied: the people its source's own writes created or updated (a person created and
    // then given their manager counts once, as created), from its start to the next run's start or
    // now. People deciding a correlation case or a conflict write under their own name: not this run.
    const [applied] = await tx.$queryRaw<Array<{ created: number; updated: number }>>`
      WITH people AS (
        SELECT "entityId", bool_or(action = 'identity.created') AS created
        FROM "AuditEvent"
        WHERE action IN ('identity.created', 'identity.updated') AND "actorType" = 'SOURCE'
          AND metadata->>'source' = ${run.sourceId}
          AND "occurredAt" >= ${run.startedAt}
          AND "occurredAt" < LEAST(${now}, COALESCE((SELECT min(n."startedAt") FROM "SourceRun" n
            WHERE n."sourceId" = ${run.sourceId}::uuid AND n."startedAt" > ${run.startedAt}), 'infinity'))
        GROUP BY "entityId")
      SELECT count(*) FILTER (WHERE created)::int AS created, count(*) FILTER (WHERE NOT created)::int AS updated
      FROM people`;
    const { created, updated } = applied ?? { created: 0, updated: 0 };
    const job = run.jobId ? Prisma.sql`id = ${run.jobId}::uuid` : Prisma.sql`data->>'runId' = ${runId}`;
    const [failed] = await tx.$queryRaw<Array<{ id: string; output: string | null }>>`
      SELECT id::text AS id, COALESCE(output->>'message', output::text) AS output FROM ${JOBS}
      WHERE name = 'sources.run' AND state = 'failed' AND ${job}
      LIMIT 1`;
    const why = failed?.output ? ` Its job's last error: ${failed.output.slice(0, JOB_OUTPUT_LIMIT)}` : '';
    const status = created + updated > 0 ? 'PARTIAL' : 'FAILED';
    const stats: TRunStats = {
      ...run.stats,
      created,
      updated,
      error:
        `Interrupted: the process running it stopped before it finished, and nothing will finish it. ` +
        `Applied before it stopped: ${created} created, ${updated} updated (as the audit log records them); ` +
        `the rest was not applied. Running ${run.fileName ? 'the same file' : 'the source'} again applies ` +
        `the rest: rows already applied are recognised and skipped.${why}`,
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
    // Only this run's job, once no other run it opened is left to say why it died.
    if (failed)
      await tx.$executeRaw`
        DELETE FROM ${JOBS} j WHERE j.id = ${failed.id}::uuid AND NOT EXISTS (
          SELECT 1 FROM "SourceRun" o WHERE o."jobId" = j.id AND o.status = 'RUNNING' AND o.id <> ${runId}::uuid)`;
    return true;
  });
}
