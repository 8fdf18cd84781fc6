import type { TUserActor } from '@/server/auth/actor.ts';
import { inTransaction, type Prisma, type TPrisma } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { assertNotTouchedDecider } from './run-deciders.ts';
import type { TRunStats } from './run-source.ts';
import { deleteStagedFile } from './staged-files.ts';

/**
 * The identity team's answer to a run the mass-change safeguard held: confirm (the run applies, up to
 * the number of deprovisions that was shown) or discard (nothing is applied, the file is dropped).
 * Nobody decides a run that changes their own record (touchedDeciderIds, recorded when it was held),
 * either way: a discard would keep their own leave or move from happening.
 */
export async function decideHeldRun(
  db: TPrisma,
  actor: TUserActor,
  input: { runId: string; decision: 'CONFIRM' | 'DISCARD' },
  deps: { queue: TJobQueue; now?: Date },
): Promise<{ status: string }> {
  const now = deps.now ?? new Date();
  const result = await inTransaction(db, async (tx) => {
    const [run] = await tx.$queryRaw<
      Array<{ id: string; status: string; sourceId: string; stats: TRunStats; touchedDeciderIds: string[] }>
    >`
      SELECT id::text, status, "sourceId"::text AS "sourceId", stats, "touchedDeciderIds"::text[] AS "touchedDeciderIds"
        FROM "SourceRun" WHERE id = ${input.runId}::uuid FOR UPDATE`;
    if (!run) throw new AppError('NOT_FOUND', 'No such run');
    if (run.status !== 'HELD')
      throw new AppError('CONFLICT', `This run is ${run.status.toLowerCase()}, not held`);
    assertNotTouchedDecider(actor, run.touchedDeciderIds);
    if (input.decision === 'CONFIRM') {
      await tx.sourceRun.update({
        where: { id: run.id },
        data: {
          status: 'RUNNING',
          confirmedById: actor.identityId,
          stats: { ...run.stats, confirmedDeprovisions: run.stats.deprovisions } as Prisma.InputJsonValue,
        },
      });
      await deps.queue.enqueue(tx, 'sources.run', [
        { payload: { runId: run.id }, singletonKey: run.sourceId },
      ]);
    } else {
      await tx.sourceRun.update({
        where: { id: run.id },
        data: { status: 'DISCARDED', discardedById: actor.identityId, finishedAt: now },
      });
    }
    await recordAuditEvent(tx, {
      actor,
      action: input.decision === 'CONFIRM' ? 'source.run_confirmed' : 'source.run_discarded',
      entityType: 'SourceRun',
      entityId: run.id,
      before: { status: 'HELD' },
      after: {
        status: input.decision === 'CONFIRM' ? 'RUNNING' : 'DISCARDED',
        deprovisions: run.stats.deprovisions,
      },
    });
    return { status: input.decision === 'CONFIRM' ? 'RUNNING' : 'DISCARDED' };
  });
  if (input.decision === 'DISCARD') await deleteStagedFile(db, input.runId);
  return result;
}
