import type { TUserActor } from '@/server/auth/actor.ts';
import { inTransaction, type TDb } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { isAboutThemselves, selfDecisionError } from '@/server/lib/self-decision.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import { loadOperationForApply, recordOperationSuccesses } from '@/server/modules/provisioning/index.ts';
import { fulfilmentScope } from './fulfilment-scope.ts';

export type TSettleTask = { taskId: string } & (
  { outcome: 'DONE'; targetId?: string } | { outcome: 'FAILED'; reason: string }
);

/**
 * A fulfiller reports a task done (with the account's ID in the target when one was created) or
 * failed (with why). Done records the operation's success exactly as the worker would. Nobody
 * settles a task about their own access.
 */
export async function settleFulfilmentTask(
  db: TDb,
  actor: TUserActor,
  input: TSettleTask,
  deps: { now?: Date } = {},
) {
  const now = deps.now ?? new Date();
  const scope = await fulfilmentScope(db, actor);
  return inTransaction(db, async (tx) => {
    await tx.$queryRaw`SELECT id FROM "FulfilmentTask" WHERE id = ${input.taskId}::uuid FOR UPDATE`;
    const task = await tx.fulfilmentTask.findUnique({
      where: { id: input.taskId },
      select: {
        id: true,
        status: true,
        teamId: true,
        operationId: true,
        operation: { select: { identityId: true } },
      },
    });
    if (!task) throw new AppError('NOT_FOUND', 'No such task');
    if (!scope.all && (!task.teamId || !scope.teamIds.includes(task.teamId)))
      throw new AppError('FORBIDDEN', 'This task belongs to another team');
    // Reporting one's own access done (or not doable) is deciding about it: a revocation reported done
    // and never carried out would leave the access in place while Gatehouse believes it gone.
    if (isAboutThemselves(actor, task.operation.identityId))
      throw selfDecisionError('settle a task about your own access', 'another member of the team');
    if (task.status !== 'OPEN')
      throw new AppError('CONFLICT', `This task is already ${task.status.toLowerCase()}`);
    const op = await loadOperationForApply(tx, task.operationId);
    if (!op) throw new AppError('NOT_FOUND', 'The operation behind this task is gone');
    if (input.outcome === 'DONE') {
      const targetId = input.targetId?.trim() || undefined;
      if (op.kind === 'CREATE_ACCOUNT' && !targetId) {
        throw new AppError('INVALID_INPUT', 'Enter the ID the application gave the new account', {
          field: 'targetId',
        });
      }
      await tx.fulfilmentTask.update({
        where: { id: task.id },
        data: {
          status: 'DONE',
          targetId: targetId ?? null,
          completedById: actor.identityId,
          completedAt: now,
        },
      });
      await recordOperationSuccesses(
        tx,
        [{ op, result: { outcome: 'applied', nativeId: targetId } }],
        now,
        actor,
        'WAITING',
      );
    } else {
      await tx.fulfilmentTask.update({
        where: { id: task.id },
        data: {
          status: 'FAILED',
          failureReason: input.reason,
          completedById: actor.identityId,
          completedAt: now,
        },
      });
      await tx.provisioningOperation.update({
        where: { id: op.id },
        data: {
          status: 'FAILED',
          errorKind: 'PERMANENT',
          lastError: `Fulfilment failed: ${input.reason}`,
          failureCause: 'Manual · the fulfilment team could not do it',
          finishedAt: now,
        },
      });
      await recordAuditEvent(tx, {
        actor,
        action: 'provisioning.failed',
        entityType: 'ProvisioningOperation',
        entityId: op.id,
        subjectId: op.identityId,
        applicationId: op.application.id,
        after: { status: 'FAILED', reason: input.reason, via: 'fulfilment' },
        metadata: { application: op.application.name },
      });
    }
    return { status: input.outcome };
  });
}
