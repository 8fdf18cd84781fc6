import type { TUserActor } from '@/server/auth/actor.ts';
import { inTransaction, type Prisma, type TDb } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { carryOutPolicy, policyFindings } from './react-to-findings.ts';
import { reconciliationSettingsOf } from './reconciliation-settings.ts';

/**
 * The identity team's answer to a run the mass-change guard held. Confirmed: the policy's reverts
 * and adoptions are carried out as they would have been, and the run is SUCCEEDED, confirmed by
 * them. Dismissed: nothing is carried out, the findings stay OPEN for people to decide one by one.
 */
export async function confirmHeldRun(
  db: TDb,
  actor: TUserActor,
  input: { runId: string },
  deps: { queue: TJobQueue; now?: Date },
) {
  const now = deps.now ?? new Date();
  const { run, findings } = await inTransaction(db, async (tx) => {
    const run = await lockHeldRun(tx, input.runId);
    const findings = await policyFindings(
      tx,
      run.applicationId,
      reconciliationSettingsOf(run.application.reconciliation),
    );
    await tx.reconciliationRun.update({
      where: { id: run.id },
      data: {
        status: 'SUCCEEDED',
        confirmedById: actor.identityId,
        confirmedAt: now,
        finishedAt: run.finishedAt ?? now,
      },
    });
    await recordAuditEvent(tx, {
      actor,
      action: 'reconciliation.run_confirmed',
      entityType: 'ReconciliationRun',
      entityId: run.id,
      applicationId: run.applicationId,
      before: { status: 'HELD' },
      after: { status: 'SUCCEEDED', carriedOut: findings.length },
      metadata: { application: run.application.name },
    });
    return { run, findings };
  });
  const done = await carryOutPolicy(db, findings, actor, { queue: deps.queue, now });
  return { runId: run.id, status: 'SUCCEEDED' as const, ...done };
}

export async function dismissHeldRun(
  db: TDb,
  actor: TUserActor,
  input: { runId: string },
  deps: { now?: Date } = {},
) {
  const now = deps.now ?? new Date();
  return inTransaction(db, async (tx) => {
    const run = await lockHeldRun(tx, input.runId);
    const leftOpen = await tx.reconciliationFinding.count({
      where: { applicationId: run.applicationId, status: 'OPEN' },
    });
    await tx.reconciliationRun.update({
      where: { id: run.id },
      data: { status: 'SUCCEEDED', finishedAt: run.finishedAt ?? now },
    });
    await recordAuditEvent(tx, {
      actor,
      action: 'reconciliation.run_dismissed',
      entityType: 'ReconciliationRun',
      entityId: run.id,
      applicationId: run.applicationId,
      before: { status: 'HELD' },
      after: { status: 'SUCCEEDED', leftOpen },
      metadata: { application: run.application.name },
    });
    return { runId: run.id, status: 'SUCCEEDED' as const, leftOpen };
  });
}

async function lockHeldRun(tx: Prisma.TransactionClient, runId: string) {
  await tx.$queryRaw`SELECT id FROM "ReconciliationRun" WHERE id = ${runId}::uuid FOR UPDATE`;
  const run = await tx.reconciliationRun.findUnique({
    where: { id: runId },
    select: {
      id: true,
      status: true,
      applicationId: true,
      finishedAt: true,
      application: { select: { name: true, reconciliation: true } },
    },
  });
  if (!run) throw new AppError('NOT_FOUND', 'No such reconciliation run');
  if (run.status !== 'HELD')
    throw new AppError('CONFLICT', `This run is ${run.status.toLowerCase()}, not held`);
  return run;
}
