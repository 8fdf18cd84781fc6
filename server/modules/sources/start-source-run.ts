import fs from 'node:fs';
import type { TActor } from '@/server/auth/actor.ts';
import { inTransaction, type TPrisma } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { deleteStagedFile, stageFile } from './staged-files.ts';

export type TRunTrigger = 'MANUAL' | 'UPLOAD' | 'SCHEDULE' | 'FOLDER';

/** The run's file: its bytes as they arrive (an upload's body), or a file on this machine, deleted once staged. */
export type TRunFile = { name: string } & ({ content: AsyncIterable<Uint8Array> } | { path: string });

/**
 * Starts a run of a source: the run row and its job, in one transaction (a file, if any, is staged in
 * PostgreSQL first, streamed, so any worker can run it). Runs of one source happen one at a time, in
 * order (the queue is FIFO per source). Whatever fails, no staged file is left behind.
 */
export async function startSourceRun(
  db: TPrisma,
  actor: TActor,
  input: { sourceId: string; trigger: TRunTrigger; file?: TRunFile },
  deps: { queue: TJobQueue },
): Promise<{ runId: string }> {
  const source = await db.identitySource.findUnique({
    where: { id: input.sourceId },
    select: { id: true, kind: true, enabled: true, name: true },
  });
  if (!source) throw new AppError('NOT_FOUND', 'No such source');
  if (source.kind === 'SCIM')
    throw new AppError(
      'INVALID_INPUT',
      'A SCIM source is pushed to by the identity provider; it cannot be run',
    );
  if (!source.enabled) throw new AppError('PRECONDITION_FAILED', `${source.name} is disabled`);
  if (source.kind === 'HR_CSV' && !input.file)
    throw new AppError(
      'INVALID_INPUT',
      'An HR CSV source runs on a file: upload one, or drop it in the source’s folder',
    );
  const runId = crypto.randomUUID();
  const file = input.file;
  try {
    if (file)
      await stageFile(db, runId, {
        name: file.name,
        content: 'content' in file ? file.content : fs.createReadStream(file.path),
      });
    await inTransaction(db, async (tx) => {
      await tx.sourceRun.create({
        data: { id: runId, sourceId: source.id, trigger: input.trigger, fileName: input.file?.name ?? null },
      });
      await recordAuditEvent(tx, {
        actor,
        action: 'source.run_started',
        entityType: 'SourceRun',
        entityId: runId,
        after: { source: source.name, trigger: input.trigger, fileName: input.file?.name ?? null },
      });
      await deps.queue.enqueue(tx, 'sources.run', [{ payload: { runId }, singletonKey: source.id }]);
    });
  } catch (error) {
    if (file) await deleteStagedFile(db, runId);
    throw error;
  }
  if (file && 'path' in file) await fs.promises.rm(file.path, { force: true });
  return { runId };
}
