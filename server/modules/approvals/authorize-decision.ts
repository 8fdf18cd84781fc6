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

/** What deciding a step checks about it: whose it is, and whose request. */
export type TDecisionStep = {
  id: string;
  requestId: string;
  stageId: string;
  approverId: string;
  request: { requesterId: string; beneficiaryId: string; entitlement: { applicationId: string } | null };
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
  return authorizeStep(db, actor, step, now);
}

/**
 * authorizeDecision's checks on a step already read: decideApprovalStep checks again under the
 * request's lock on the step it reads there with its stage, rather than reading it a second time.
 */
export async function authorizeStep(
  db: TDb,
  actor: TUserActor,
  step: TDecisionStep,
  now: Date,
): Promise<TDecisionAuthority> {
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
