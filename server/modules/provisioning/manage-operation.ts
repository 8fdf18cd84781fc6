import type { TUserActor } from '@/server/auth/actor.ts';
import { inTransaction, type Prisma, type TDb } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { isAboutThemselves, selfDecisionError } from '@/server/lib/self-decision.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { concurrencyTier } from '@/server/queue/job-specs.ts';
import { operationPriority, provisioningJobId } from '@/server/queue/provisioning-priority.ts';
import type { TQueueAdmin } from '@/server/queue/queue-admin.ts';
import type { OperationStatus } from '@/prisma/generated/enums.ts';

/** What an operation that has not taken effect may be: the ones a cancel gives up on. */
export const CANCELLABLE_STATUSES: readonly OperationStatus[] = ['FAILED', 'PENDING', 'RETRYING', 'WAITING'];

type TDeps = { queue: TJobQueue; queueAdmin: TQueueAdmin; now?: Date };

/** Puts a failed operation back in line, in a job of its own (its status is what says it failed, docs/decisions/074). */
export async function retryOperation(db: TDb, actor: TUserActor, operationId: string, deps: TDeps) {
  const op = await db.provisioningOperation.findUnique({
    where: { id: operationId },
    select: RETRYABLE_SELECT,
  });
  if (!op) throw new AppError('NOT_FOUND', 'No such operation');
  if (op.status !== 'FAILED')
    throw new AppError(
      'CONFLICT',
      `Only a failed operation can be retried; this one is ${op.status.toLowerCase()}`,
    );
  await inTransaction(db, (tx) => requeueFailedOperation(tx, actor, op, deps));
  return { status: 'PENDING' as const };
}

export const RETRYABLE_SELECT = {
  id: true,
  kind: true,
  payload: true,
  status: true,
  accountId: true,
  applicationId: true,
  identityId: true,
  failureCause: true,
  application: { select: { name: true, concurrency: true } },
} as const;

type TRetryable = Prisma.ProvisioningOperationGetPayload<{ select: typeof RETRYABLE_SELECT }>;

/**
 * Puts one failed operation back in line inside the caller's transaction: a new job for its account
 * queues behind anything already planned for it, and a retried removal goes ahead of any backlog as
 * the planned one did. Throws CONFLICT when it is no longer failed.
 */
export async function requeueFailedOperation(
  tx: Prisma.TransactionClient,
  actor: TUserActor,
  op: TRetryable,
  deps: Pick<TDeps, 'queue'>,
) {
  const updated = await tx.provisioningOperation.updateMany({
    where: { id: op.id, status: 'FAILED' },
    data: { status: 'PENDING', errorKind: null, failureCause: null, finishedAt: null },
  });
  if (updated.count === 0) throw new AppError('CONFLICT', 'The operation changed meanwhile');
  const priority = operationPriority(op);
  await deps.queue.enqueue(tx, 'provisioning.apply', [
    {
      id: provisioningJobId(priority),
      payload: { operationIds: [op.id] },
      singletonKey: op.accountId ?? op.id,
      group: { id: op.applicationId, tier: concurrencyTier(op.application.concurrency) },
      priority,
    },
  ]);
  await recordAuditEvent(tx, {
    actor,
    action: 'provisioning.retried',
    entityType: 'ProvisioningOperation',
    entityId: op.id,
    subjectId: op.identityId,
    applicationId: op.applicationId,
    metadata: { application: op.application.name, ...(op.failureCause ? { cause: op.failureCause } : {}) },
  });
}

/**
 * Gives up on an operation that has not taken effect, and takes back what the plan had committed
 * for it, so that Gatehouse's picture of the target stays true (the next plan or reconciliation
 * decides again). Nobody cancels an operation about their own access.
 */
export async function cancelOperation(db: TDb, actor: TUserActor, operationId: string, deps: TDeps) {
  const op = await db.provisioningOperation.findUnique({
    where: { id: operationId },
    select: {
      id: true,
      kind: true,
      status: true,
      accountId: true,
      entitlementId: true,
      identityId: true,
      applicationId: true,
    },
  });
  if (!op) throw new AppError('NOT_FOUND', 'No such operation');
  // Giving up on one's own removal would keep the access in the target while Gatehouse has ended it.
  if (isAboutThemselves(actor, op.identityId))
    throw selfDecisionError('cancel an operation about your own access', 'another identity admin');
  if (!CANCELLABLE_STATUSES.includes(op.status)) {
    throw new AppError('CONFLICT', `A ${op.status.toLowerCase()} operation cannot be cancelled`);
  }
  await inTransaction(db, async (tx) => {
    const updated = await tx.provisioningOperation.updateMany({
      where: { id: op.id, status: op.status },
      data: { status: 'CANCELLED', finishedAt: deps.now ?? new Date() },
    });
    if (updated.count === 0) throw new AppError('CONFLICT', 'The operation changed meanwhile');
    await revertPlannedState(tx, op);
    await tx.fulfilmentTask.updateMany({
      where: { operationId: op.id, status: 'OPEN' },
      data: { status: 'CANCELLED' },
    });
    await recordAuditEvent(tx, {
      actor,
      action: 'provisioning.cancelled',
      entityType: 'ProvisioningOperation',
      entityId: op.id,
      subjectId: op.identityId,
      applicationId: op.applicationId,
      before: { status: op.status },
    });
  });
  // Its job may carry other operations of the account: it stays, and skips this one.
  return { status: 'CANCELLED' as const };
}

async function revertPlannedState(
  tx: Prisma.TransactionClient,
  op: { kind: string; accountId: string | null; entitlementId: string | null },
) {
  if (!op.accountId) return;
  const membership = op.entitlementId ? { accountId: op.accountId, entitlementId: op.entitlementId } : null;
  switch (op.kind) {
    case 'ADD_ENTITLEMENT':
      if (membership) await tx.accountEntitlement.deleteMany({ where: { ...membership, status: 'ADDING' } });
      break;
    case 'REMOVE_ENTITLEMENT':
      if (membership)
        await tx.accountEntitlement.updateMany({
          where: { ...membership, status: 'REMOVING' },
          data: { status: 'ACTIVE' },
        });
      break;
    case 'CREATE_ACCOUNT':
      await tx.account.updateMany({
        where: { id: op.accountId, nativeId: null },
        data: { status: 'DELETED' },
      });
      break;
    case 'DISABLE_ACCOUNT':
    case 'DELETE_ACCOUNT':
      await tx.account.update({ where: { id: op.accountId }, data: { status: 'ACTIVE' } });
      break;
    case 'ENABLE_ACCOUNT':
      await tx.account.update({ where: { id: op.accountId }, data: { status: 'DISABLED' } });
      break;
  }
}
