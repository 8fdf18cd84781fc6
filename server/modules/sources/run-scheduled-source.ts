import { systemActor } from '@/server/auth/actor.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import { inTransaction, type TPrisma } from '@/server/db/client.ts';
import { runSource, type TSourceRunDeps } from './run-source.ts';
import type { TSourceFiles } from './source-files.ts';
import { watchSourceFolders } from './watch-source-folders.ts';

/**
 * A source's cron came due: an HR database source runs now; an HR CSV source looks in its folder
 * (each new file becomes a run of its own).
 */
export async function runScheduledSource(
  db: TPrisma,
  sourceId: string,
  deps: TSourceRunDeps & { files: TSourceFiles },
): Promise<void> {
  const source = await db.identitySource.findUnique({
    where: { id: sourceId },
    select: { id: true, kind: true, enabled: true, name: true },
  });
  if (!source?.enabled) return;
  if (source.kind === 'HR_CSV') {
    await watchSourceFolders(db, { queue: deps.queue, files: deps.files, now: deps.now?.(), sourceId });
    return;
  }
  if (source.kind !== 'HR_DATABASE') return;
  const run = await inTransaction(db, async (tx) => {
    const created = await tx.sourceRun.create({
      data: { sourceId, trigger: 'SCHEDULE' },
      select: { id: true },
    });
    await recordAuditEvent(tx, {
      actor: systemActor('SCHEDULER'),
      action: 'source.run_started',
      entityType: 'SourceRun',
      entityId: created.id,
      after: { source: source.name, trigger: 'SCHEDULE' },
    });
    return created;
  });
  await runSource(db, run.id, deps);
}
