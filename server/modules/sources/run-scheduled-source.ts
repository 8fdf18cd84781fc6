import { systemActor, type TActor } from '@/server/auth/actor.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import { inTransaction, type TPrisma } from '@/server/db/client.ts';
import { runSource, type TSourceRunDeps } from './run-source.ts';
import type { TSourceFiles } from './source-files.ts';
import type { TRunTrigger } from './start-source-run.ts';
import { watchSourceFolders } from './watch-source-folders.ts';

/**
 * A source's cron came due (job `jobId`): an HR database source runs now; an HR CSV source looks in
 * its folder (each new file becomes a run of its own).
 */
export async function runScheduledSource(
  db: TPrisma,
  sourceId: string,
  jobId: string,
  deps: TSourceRunDeps & { files: TSourceFiles },
): Promise<void> {
  const source = await db.identitySource.findUnique({
    where: { id: sourceId },
    select: { kind: true, enabled: true },
  });
  if (!source?.enabled) return;
  if (source.kind === 'HR_CSV') {
    await watchSourceFolders(db, { queue: deps.queue, files: deps.files, now: deps.now?.(), sourceId });
    return;
  }
  if (source.kind !== 'HR_DATABASE') return;
  await runDatabaseSource(
    db,
    sourceId,
    { actor: systemActor('SCHEDULER'), trigger: 'SCHEDULE', jobId },
    deps,
  );
}

/**
 * An HR database source's run, opened and run here rather than by a job: its cron's run (above), or
 * the demo set-up's first sync. Whoever starts it is who the audit log and the run say started it.
 * The run names the cron job that opened it (a cron job names no run): closeInterruptedSourceRuns
 * leaves it alone while that job may still finish it.
 */
export async function runDatabaseSource(
  db: TPrisma,
  sourceId: string,
  by: { actor: TActor; trigger: TRunTrigger; jobId?: string },
  deps: TSourceRunDeps,
): Promise<void> {
  const source = await db.identitySource.findUniqueOrThrow({
    where: { id: sourceId },
    select: { name: true },
  });
  const run = await inTransaction(db, async (tx) => {
    const created = await tx.sourceRun.create({
      data: { sourceId, trigger: by.trigger, jobId: by.jobId ?? null },
      select: { id: true },
    });
    await recordAuditEvent(tx, {
      actor: by.actor,
      action: 'source.run_started',
      entityType: 'SourceRun',
      entityId: created.id,
      after: { source: source.name, trigger: by.trigger },
    });
    return created;
  });
  await runSource(db, run.id, deps);
}
