import { actorId, type TActor } from '@/server/auth/actor.ts';
import type { Prisma } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import { notify } from '@/server/modules/notifications/index.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import {
  adoptFinding,
  adoptionTarget,
  assertAdoptionKeepsSod,
  revertFinding,
  type TCarriedOut,
} from './carry-out-finding.ts';
import { findingContext, lockFindingForDecision, type TFindingForDecision } from './finding-for-decision.ts';
import { adoptionNeedsApproval, assertMayDecide } from './finding-scope.ts';
import { reconciliationSettingsOf } from './reconciliation-settings.ts';

export type TFindingDecision = {
  decision: 'REVERT' | 'ADOPT' | 'EXCEPTION';
  reason: string | null;
  exceptionUntil: Date | null;
};
export type TDecideDeps = { queue: TJobQueue; now: Date };

/** The longest an exception may run before the finding comes back. */
export const MAX_EXCEPTION_DAYS = 365;

/**
 * One finding decided, in the caller's transaction: locked and read again, the decider's scope
 * checked, then reverted, adopted (or put before the entitlement owner) or accepted as an exception
 * until a date, and audited for the person it is about. Throws AppError with the reason it was refused.
 */
export async function decideFinding(
  tx: Prisma.TransactionClient,
  actor: TActor,
  findingId: string,
  input: TFindingDecision,
  deps: TDecideDeps,
): Promise<void> {
  const f = await lockFindingForDecision(tx, findingId);
  assertMayDecide(actor, f);
  if (f.status === 'RESOLVED') throw new AppError('CONFLICT', 'Already resolved');
  if (f.status === 'IN_PROGRESS') {
    throw new AppError(
      'CONFLICT',
      f.decision === 'ADOPT'
        ? 'An adoption already waits for the owner’s approval'
        : 'Already being put back',
    );
  }
  if (input.decision !== 'REVERT' && !input.reason?.trim())
    throw new AppError('INVALID_INPUT', 'Give a reason for adopting or accepting it', { field: 'reason' });

  const before = { status: f.status };
  let outcome: TCarriedOut | { status: 'EXCEPTION' } | { status: 'IN_PROGRESS'; pendingOwner: true };
  if (input.decision === 'EXCEPTION') {
    outcome = { status: 'EXCEPTION' };
    const until = input.exceptionUntil;
    if (!until)
      throw new AppError('INVALID_INPUT', 'An exception needs the day it ends', { field: 'exceptionUntil' });
    if (until <= deps.now)
      throw new AppError('INVALID_INPUT', 'An exception must end in the future', { field: 'exceptionUntil' });
    if (until.getTime() - deps.now.getTime() > MAX_EXCEPTION_DAYS * 86_400_000)
      throw new AppError('INVALID_INPUT', `An exception lasts at most ${MAX_EXCEPTION_DAYS} days`, {
        field: 'exceptionUntil',
      });
  } else if (input.decision === 'REVERT') {
    outcome = await revertFinding(tx, f, actor, deps);
  } else {
    const target = adoptionTarget(f);
    if (
      adoptionNeedsApproval(
        actor,
        f,
        reconciliationSettingsOf(f.application.reconciliation).adoptNeedsOwnerApproval,
      )
    ) {
      // Refuse now what the owner could never approve.
      await assertAdoptionKeepsSod(tx, target.identityId, target.entitlementId, deps.now);
      outcome = { status: 'IN_PROGRESS', pendingOwner: true };
      await notifyApprovers(tx, f, deps);
    } else {
      outcome = await adoptFinding(tx, f, actor, deps);
    }
  }

  const resolved = outcome.status === 'RESOLVED';
  const carried: { operationId?: string; grantId?: string; resolution?: string } =
    'pendingOwner' in outcome || outcome.status === 'EXCEPTION' ? {} : outcome;
  await tx.reconciliationFinding.update({
    where: { id: f.id },
    data: {
      status: outcome.status,
      decision: input.decision,
      decisionReason: input.reason?.trim() || null,
      decidedById: actorId(actor),
      decidedAt: deps.now,
      exceptionUntil: input.decision === 'EXCEPTION' ? input.exceptionUntil : null,
      operationId: carried.operationId ?? null,
      grantId: carried.grantId ?? null,
      ...(resolved
        ? { resolution: carried.resolution, resolvedById: actorId(actor), resolvedAt: deps.now }
        : {}),
    },
  });
  await recordAuditEvent(tx, {
    actor,
    action: 'reconciliation.finding_decided',
    entityType: 'ReconciliationFinding',
    entityId: f.id,
    subjectId: f.identityId,
    applicationId: f.applicationId,
    before,
    after: {
      status: outcome.status,
      decision: input.decision,
      reason: input.reason?.trim() || null,
      exceptionUntil: input.decision === 'EXCEPTION' ? input.exceptionUntil : null,
      operationId: carried.operationId ?? null,
      grantId: carried.grantId ?? null,
      resolution: carried.resolution ?? null,
    },
    metadata: findingContext(f),
  });
}

/** The entitlement's owner (or, for one nobody owns, nobody: the identity team sees it in its queue) is told an adoption waits. */
async function notifyApprovers(tx: Prisma.TransactionClient, f: TFindingForDecision, deps: TDecideDeps) {
  const owner = f.entitlement?.ownerId;
  if (!owner || owner === f.identityId) return;
  await notify(
    tx,
    [
      {
        recipientId: owner,
        kind: 'reconciliation.adoption_requested',
        title: `An adoption of ${f.entitlement?.name ?? 'an entitlement'} waits for your approval`,
        body: `${f.application.name} holds a membership the portal never granted; it was proposed to keep it as a grant.`,
      },
    ],
    deps,
  );
}
