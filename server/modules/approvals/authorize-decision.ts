import type { TUserActor } from '@/server/auth/actor.ts';
import type { TDb } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { selfDecisionError } from '@/server/lib/self-decision.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import { findActiveDelegation } from './active-delegations.ts';

export type TDecisionAuthority = {
  stepId: string;
  requestId: string;
  stageId: string;
  approverId: string;
  onBehalfOf: string | null;
};

/**
 * Who may decide a step: the approver it is assigned to, or their out-of-office delegate today.
 * Nobody decides a request they made or one for themselves; the attempt is refused and audited
 * (outside any transaction, so the record stays).
 */
export async function authorizeDecision(
  db: TDb,
  actor: TUserActor,
  stepId: string,
  now: Date,
): Promise<TDecisionAuthority> {
  const step = await db.approvalStep.findUnique({
    where: { id: stepId },
    select: {
      id: true,
      requestId: true,
      stageId: true,
      approverId: true,
      request: {
        select: { requesterId: true, beneficiaryId: true, entitlement: { select: { applicationId: true } } },
      },
    },
  });
  if (!step) throw new AppError('NOT_FOUND', 'No such approval step');
  let onBehalfOf: string | null = null;
  if (step.approverId !== actor.identityId) {
    const delegation = await findActiveDelegation(db, step.approverId, actor.identityId, now);
    if (!delegation) throw new AppError('NOT_ASSIGNED_APPROVER', 'This approval is not assigned to you');
    onBehalfOf = step.approverId;
  }
  if (step.request.requesterId === actor.identityId || step.request.beneficiaryId === actor.identityId) {
    await recordAuditEvent(db, {
      actor,
      action: 'approval.self_approval_refused',
      entityType: 'ApprovalStep',
      entityId: step.id,
      subjectId: step.request.beneficiaryId,
      applicationId: step.request.entitlement?.applicationId,
      metadata: { requestId: step.requestId, onBehalfOf },
    });
    throw selfDecisionError('decide your own request or one for yourself', 'another approver', {
      isAudited: true,
    });
  }
  return {
    stepId: step.id,
    requestId: step.requestId,
    stageId: step.stageId,
    approverId: step.approverId,
    onBehalfOf,
  };
}
