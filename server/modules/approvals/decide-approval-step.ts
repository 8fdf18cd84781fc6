import type { TUserActor } from '@/server/auth/actor.ts';
import type { Prisma, TPrisma } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { recordAuditEvent } from '@/server/modules/audit/record-audit-event.ts';
import { notify } from '@/server/modules/notifications/notify.ts';
import { planAccess } from '@/server/modules/provisioning/plan-access.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';

export type TDecision = { stepId: string; decision: 'APPROVE' | 'DENY'; comment?: string };

/**
 * Records an approver's decision. Approving the last stage, in ONE transaction, marks the request
 * approved, creates the grant and enqueues its provisioning (planAccess), so a committed approval
 * always has its job and a rolled-back one never does. The request row is locked first: of two
 * racing decisions exactly one wins, the other gets CONFLICT.
 */
export async function decideApprovalStep(
  db: TPrisma,
  actor: TUserActor,
  input: TDecision,
  deps: { queue: TJobQueue; now?: Date },
): Promise<{ requestStatus: string }> {
  const now = deps.now ?? new Date();
  const step = await db.approvalStep.findUnique({
    where: { id: input.stepId },
    select: { id: true, requestId: true, approverId: true, request: { select: { requesterId: true, beneficiaryId: true } } },
  });
  if (!step) throw new AppError('NOT_FOUND', 'No such approval step');
  if (step.approverId !== actor.identityId) {
    throw new AppError('NOT_ASSIGNED_APPROVER', 'This approval is not assigned to you');
  }
  if (step.request.requesterId === actor.identityId || step.request.beneficiaryId === actor.identityId) {
    // Written outside the refused transaction so the attempt stays on record.
    await recordAuditEvent(db, {
      actor,
      action: 'approval.self_approval_refused',
      entityType: 'ApprovalStep',
      entityId: step.id,
      subjectId: step.request.beneficiaryId,
    });
    throw new AppError('SELF_APPROVAL', 'Nobody may approve their own request or a request for themselves');
  }

  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "AccessRequest" WHERE id = ${step.requestId}::uuid FOR UPDATE`;
    const current = await tx.approvalStep.findUniqueOrThrow({
      where: { id: step.id },
      select: {
        status: true,
        stage: { select: { id: true, status: true, mode: true, quorum: true, position: true } },
        request: {
          select: {
            id: true,
            status: true,
            beneficiaryId: true,
            requesterId: true,
            entitlementId: true,
            roleId: true,
            requestedEndsAt: true,
            entitlement: { select: { name: true } },
            role: { select: { name: true } },
          },
        },
      },
    });
    if (current.request.status !== 'PENDING') throw new AppError('REQUEST_NOT_PENDING', `This request is already ${current.request.status.toLowerCase()}`);
    if (current.status !== 'PENDING' || current.stage.status !== 'PENDING') {
      throw new AppError('STEP_ALREADY_DECIDED', 'This step has already been decided');
    }
    const approve = input.decision === 'APPROVE';
    await tx.approvalStep.update({
      where: { id: step.id },
      data: { status: approve ? 'APPROVED' : 'DENIED', decidedById: actor.identityId, comment: input.comment ?? null, decidedAt: now },
    });
    await recordAuditEvent(tx, {
      actor,
      action: 'approval.decided',
      entityType: 'ApprovalStep',
      entityId: step.id,
      subjectId: current.request.beneficiaryId,
      before: { status: 'PENDING' },
      after: { status: approve ? 'APPROVED' : 'DENIED', comment: input.comment ?? null },
      metadata: { requestId: current.request.id },
    });

    const itemName = current.request.entitlement?.name ?? current.request.role?.name ?? 'access';
    if (!approve) {
      await closeRequest(tx, current.request.id, current.stage.id, 'DENIED', now);
      await recordAuditEvent(tx, {
        actor,
        action: 'request.denied',
        entityType: 'AccessRequest',
        entityId: current.request.id,
        subjectId: current.request.beneficiaryId,
        after: { status: 'DENIED' },
      });
      await notify(tx, [
        { recipientId: current.request.requesterId, kind: 'request.denied', title: `Your request for ${itemName} was denied`, body: input.comment ?? '', link: '/requests' },
      ]);
      return { requestStatus: 'DENIED' };
    }

    await closeRequest(tx, current.request.id, current.stage.id, 'APPROVED', now);
    const grant = await tx.grant.create({
      data: {
        identityId: current.request.beneficiaryId,
        entitlementId: current.request.entitlementId,
        roleId: current.request.roleId,
        source: 'REQUEST',
        sourceRef: current.request.id,
        startsAt: now,
        endsAt: current.request.requestedEndsAt,
        grantedById: actor.identityId,
      },
      select: { id: true },
    });
    await tx.accessRequest.update({
      where: { id: current.request.id },
      data: { grantId: grant.id, approvedEndsAt: current.request.requestedEndsAt },
    });
    await recordAuditEvent(tx, {
      actor,
      action: 'grant.created',
      entityType: 'Grant',
      entityId: grant.id,
      subjectId: current.request.beneficiaryId,
      after: { source: 'REQUEST', requestId: current.request.id, item: itemName, endsAt: current.request.requestedEndsAt },
    });
    await planAccess(tx, [current.request.beneficiaryId], { reason: 'REQUEST_APPROVED', actor, ref: `request:${current.request.id}` }, { queue: deps.queue, now });
    await notify(tx, [
      { recipientId: current.request.requesterId, kind: 'request.approved', title: `Your request for ${itemName} was approved`, body: input.comment ?? '', link: '/requests' },
    ]);
    return { requestStatus: 'APPROVED' };
  });
}

async function closeRequest(tx: Prisma.TransactionClient, requestId: string, stageId: string, status: 'APPROVED' | 'DENIED', now: Date) {
  await tx.approvalStage.update({ where: { id: stageId }, data: { status, decidedAt: now } });
  // Other approvers' steps on the same stage no longer need a decision.
  await tx.approvalStep.updateMany({ where: { requestId, status: 'PENDING' }, data: { status: 'SKIPPED' } });
  await tx.approvalStage.updateMany({ where: { requestId, status: { in: ['WAITING', 'PENDING'] } }, data: { status: 'CANCELLED' } });
  await tx.accessRequest.update({ where: { id: requestId }, data: { status, decidedAt: now } });
}
