import { systemActor, type TActor } from '@/server/auth/actor.ts';
import { inTransaction, type TDb } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import type { ReconciliationMode } from '@/prisma/generated/enums.ts';

export type TRunTrigger = 'SCHEDULE' | 'MANUAL' | 'ONBOARDING' | 'PERSON';

export type TStartReconciliationInput = {
  applicationId: string;
  mode: ReconciliationMode;
  trigger: TRunTrigger;
  requestedById?: string | null;
  /** PERSON runs: whose accounts are read back. */
  identityId?: string | null;
};

/** A run RUNNING this long has lost its worker (the job expired): it no longer blocks the next. */
const ABANDONED_AFTER_MS = 6 * 3_600_000;

/**
 * Records a reconciliation run (QUEUED) and enqueues it, in one transaction. One run per application
 * at a time: while one is queued or running, another is refused (CONFLICT) rather than queued
 * behind it, so nobody waits on a run they cannot see. The application row is locked, so two
 * requests at once start one run.
 */
export async function startReconciliation(
  db: TDb,
  queue: TJobQueue,
  input: TStartReconciliationInput,
  actor: TActor = systemActor('SCHEDULER'),
): Promise<{ runId: string }> {
  if (input.mode === 'PERSON' && !input.identityId)
    throw new AppError('INVALID_INPUT', 'A person’s resync needs the person.');
  return inTransaction(db, async (tx) => {
    const [app] = await tx.$queryRaw<
      Array<{ id: string; name: string; connectorType: string; enabled: boolean }>
    >`
      SELECT id::text AS id, name, "connectorType"::text AS "connectorType", enabled FROM "Application" WHERE id = ${input.applicationId}::uuid FOR UPDATE`;
    if (!app) throw new AppError('NOT_FOUND', 'There is no such application.');
    if (!app.enabled)
      throw new AppError('PRECONDITION_FAILED', `${app.name} is disabled: enable it before reconciling it.`);
    if (app.connectorType === 'MANUAL') {
      throw new AppError(
        'PRECONDITION_FAILED',
        `${app.name} is fulfilled by hand: Gatehouse cannot read its accounts back.`,
      );
    }
    const busy = await tx.reconciliationRun.findFirst({
      where: { applicationId: app.id, status: { in: ['QUEUED', 'RUNNING'] } },
      select: { id: true, status: true, startedAt: true, mode: true },
    });
    if (busy && busy.status === 'RUNNING' && Date.now() - busy.startedAt.getTime() > ABANDONED_AFTER_MS) {
      await tx.reconciliationRun.update({
        where: { id: busy.id },
        data: {
          status: 'FAILED',
          error: 'Abandoned: its worker stopped before it finished.',
          finishedAt: new Date(),
        },
      });
    } else if (busy) {
      throw new AppError(
        'CONFLICT',
        `A ${busy.mode.toLowerCase()} reconciliation of ${app.name} is already ${busy.status === 'QUEUED' ? 'waiting to start' : 'running'} (since ${busy.startedAt.toISOString()}); start another when it has finished.`,
        { runId: busy.id },
      );
    }
    const run = await tx.reconciliationRun.create({
      data: {
        applicationId: app.id,
        mode: input.mode,
        trigger: input.trigger,
        requestedById: input.requestedById ?? null,
        identityId: input.identityId ?? null,
        status: 'QUEUED',
      },
      select: { id: true },
    });
    await recordAuditEvent(tx, {
      actor,
      action: 'reconciliation.run_started',
      entityType: 'Application',
      entityId: app.id,
      metadata: { runId: run.id },
      subjectId: input.identityId ?? null,
      after: {
        application: app.name,
        mode: input.mode,
        trigger: input.trigger,
        identityId: input.identityId ?? null,
      },
    });
    await queue.enqueue(tx, 'reconciliation.run', [{ payload: { runId: run.id } }]);
    return { runId: run.id };
  });
}
