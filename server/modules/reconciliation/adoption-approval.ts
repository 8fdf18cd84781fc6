import type { TUserActor } from '@/server/auth/actor.ts';
import { inTransaction, type Prisma, type TDb } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import { adoptFinding } from './carry-out-finding.ts';
import { findingContext, lockFindingForDecision, type TFindingForDecision } from './finding-for-decision.ts';
import { assertMayApproveAdoption } from './finding-scope.ts';

/**
 * The entitlement owner's answer to an adoption waiting for them (a finding IN_PROGRESS with the
 * decision ADOPT and no grant yet). Approved: the grant is made (granted by the owner, the finding
 * resolved by them, the decider's reason kept). Denied: the finding is open again for a decision.
 */
export async function approveAdoption(
  db: TDb,
  actor: TUserActor,
  input: { findingId: string },
  deps: { now?: Date } = {},
): Promise<{ grantId: string }> {
  const now = deps.now ?? new Date();
  return inTransaction(db, async (tx) => {
    const f = await waitingAdoption(tx, input.findingId, actor);
    const done = await adoptFinding(tx, f, actor, { now });
    const grantId = done.grantId!;
    await tx.reconciliationFinding.update({
      where: { id: f.id },
      data: {
        status: 'RESOLVED',
        grantId,
        resolution: done.resolution,
        resolvedById: actor.identityId,
        resolvedAt: now,
      },
    });
    await recordAuditEvent(tx, {
      actor,
      action: 'reconciliation.adoption_approved',
      entityType: 'ReconciliationFinding',
      entityId: f.id,
      subjectId: f.identityId,
      applicationId: f.applicationId,
      after: { status: 'RESOLVED', grantId },
      metadata: findingContext(f),
    });
    return { grantId };
  });
}

export async function denyAdoption(
  db: TDb,
  actor: TUserActor,
  input: { findingId: string; reason: string },
): Promise<{ status: 'OPEN' }> {
  const reason = input.reason.trim();
  if (!reason) throw new AppError('INVALID_INPUT', 'Say why the adoption is refused', { field: 'reason' });
  return inTransaction(db, async (tx) => {
    const f = await waitingAdoption(tx, input.findingId, actor);
    await tx.reconciliationFinding.update({
      where: { id: f.id },
      data: { status: 'OPEN', decision: null, decisionReason: null, decidedById: null, decidedAt: null },
    });
    await recordAuditEvent(tx, {
      actor,
      action: 'reconciliation.adoption_denied',
      entityType: 'ReconciliationFinding',
      entityId: f.id,
      subjectId: f.identityId,
      applicationId: f.applicationId,
      after: { status: 'OPEN', reason },
      metadata: findingContext(f),
    });
    return { status: 'OPEN' as const };
  });
}

async function waitingAdoption(
  tx: Prisma.TransactionClient,
  findingId: string,
  actor: TUserActor,
): Promise<TFindingForDecision> {
  const f = await lockFindingForDecision(tx, findingId);
  if (f.status !== 'IN_PROGRESS' || f.decision !== 'ADOPT')
    throw new AppError('CONFLICT', 'No adoption waits for approval on this finding');
  assertMayApproveAdoption(actor, f);
  return f;
}
