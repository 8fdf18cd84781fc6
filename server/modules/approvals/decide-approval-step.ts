import type { TUserActor } from '@/server/auth/actor.ts';
import { hasPermission } from '@/server/auth/permissions.ts';
import { inTransaction, type Prisma, type TDb } from '@/server/db/client.ts';
import { AppError, isAppError } from '@/server/lib/app-error.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import { toStoredSodCheck } from '@/server/modules/sod/index.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { advanceRequest, closeRequest } from './advance-request.ts';
import { itemPhrase, notifyRequester } from './approval-notifications.ts';
import { applySodAtApproval, type TMitigationInput } from './approval-sod-gate.ts';
import { canAct } from '@/server/auth/can-act.ts';
import { authorizeDecision, authorizeStep } from './authorize-decision.ts';
import { queueSlackMessageUpdate } from './queue-slack-messages.ts';
import {
  effectiveEndsAt,
  lockRequest,
  requestApplicationId,
  requestFacts,
  type TRequestRow,
} from './request-row.ts';
import { computeStageOutcome, seatsOf } from './stage-outcome.ts';
import { formatDate } from '@/server/shared/format-date.ts';

export type TDecision = {
  stepId: string;
  decision: 'APPROVE' | 'DENY';
  comment?: string;
  /** An approver may shorten the access (never lengthen it). */
  approvedEndsAt?: Date | null;
  /** A holder of sod.mitigate records the control that allows a mitigatable conflict. */
  mitigation?: TMitigationInput;
};

export type TDecisionResult = {
  requestStatus: 'PENDING' | 'APPROVED' | 'DENIED';
  stageStatus: 'PENDING' | 'APPROVED' | 'DENIED';
};

/** A denial tells the requester why: its comment is its reason. */
export function assertDenialHasReason(input: Pick<TDecision, 'decision' | 'comment'>): void {
  if (input.decision === 'DENY' && !input.comment?.trim()) {
    throw new AppError('INVALID_INPUT', 'comment: say why you deny (the requester sees the reason)', {
      field: 'comment',
    });
  }
}

/**
 * Records one approver's decision and, under row locks on the request and the stage, computes the
 * stage's outcome exactly once: ANY (first decision), ALL, or N of M. An approved stage moves the
 * request to its next stage; the last one grants the access and plans its provisioning in the same
 * transaction. Of racing decisions on one seat, one wins; the others get STEP_ALREADY_DECIDED.
 */
export async function decideApprovalStep(
  db: TDb,
  actor: TUserActor,
  input: TDecision,
  deps: { queue: TJobQueue; now?: Date },
): Promise<TDecisionResult> {
  const now = deps.now ?? new Date();
  assertDenialHasReason(input);
  // Refused early, before any lock; a refusal of one's own request is audited here, outside the
  // transaction, so its record stays. The approver is checked again under the request's lock below.
  const early = await authorizeDecision(db, actor, input.stepId, now);
  if (input.mitigation && !hasPermission(actor, 'sod.mitigate')) {
    throw new AppError(
      'FORBIDDEN',
      'Only a security officer or the identity team may record a mitigating control',
    );
  }
  try {
    return await inTransaction(
      db,
      async (tx) => {
        const request = await lockRequest(tx, early.requestId);
        if (!request) throw new AppError('NOT_FOUND', 'No such request');
        // A step never changes stage, so the early read names the stage to lock.
        await tx.$queryRaw`SELECT id FROM "ApprovalStage" WHERE id = ${early.stageId}::uuid FOR UPDATE`;
        const stage = await tx.approvalStage.findUniqueOrThrow({
          where: { id: early.stageId },
          select: {
            id: true,
            name: true,
            status: true,
            mode: true,
            quorum: true,
            kind: true,
            steps: {
              select: { id: true, status: true, escalatedFromId: true, decidedById: true, approverId: true },
            },
          },
        });
        const step = stage.steps.find((s) => s.id === early.stepId)!;
        // Who holds the step, checked again under the request's lock on the step as read with its stage
        // (one read of it): followApproverChanges moves a step to its new approver under that lock (same
        // id, new approverId), so the early check may be stale, and a repeated run must not reuse it
        // (docs/decisions/112, stop 38).
        const authority = await authorizeStep(
          tx,
          actor,
          { ...step, requestId: request.id, stageId: stage.id, request },
          now,
        );
        if (request.status !== 'PENDING')
          throw new AppError(
            'REQUEST_NOT_PENDING',
            `This request is already ${request.status.toLowerCase()}`,
          );
        // Re-read under the lock: a suspension that committed after the actor was loaded ends the power to decide.
        const decider = await tx.identity.findUnique({
          where: { id: actor.identityId },
          select: { status: true },
        });
        if (!decider || !canAct(decider.status))
          throw new AppError('FORBIDDEN', 'You can no longer decide approvals');
        if (step.status !== 'PENDING' || stage.status !== 'PENDING')
          throw new AppError('STEP_ALREADY_DECIDED', 'This step has already been decided');
        // The other steps of the same seat (an escalation and what it escalated) are settled with it.
        const seat = seatsOf(stage.steps).find((s) => s.some((x) => x.id === step.id)) ?? [];
        // One person counts once in a stage: a delegate who is also an approver decides one seat.
        if (stage.steps.some((s) => s.decidedById === actor.identityId && !seat.includes(s))) {
          throw new AppError(
            'STEP_ALREADY_DECIDED',
            'You have already decided at this stage; one person counts once',
          );
        }

        const approve = input.decision === 'APPROVE';
        if (approve) {
          const sod = await applySodAtApproval(tx, request, stage, actor, input.mitigation, now);
          await tx.accessRequest.update({
            where: { id: request.id },
            data: { sodEvaluation: toStoredSodCheck(sod) },
          });
          await shortenEnd(tx, request, input.approvedEndsAt, now);
        }
        await tx.approvalStep.update({
          where: { id: step.id },
          data: {
            status: approve ? 'APPROVED' : 'DENIED',
            decidedById: actor.identityId,
            comment: input.comment ?? null,
            decidedAt: now,
          },
        });
        const siblings = seat.filter((s) => s.id !== step.id && s.status === 'PENDING').map((s) => s.id);
        if (siblings.length)
          await tx.approvalStep.updateMany({ where: { id: { in: siblings } }, data: { status: 'SKIPPED' } });
        // Whoever decided, from wherever: the Slack messages about this request say so (docs/decisions/072).
        await queueSlackMessageUpdate(tx, request.id, deps);
        await recordAuditEvent(tx, {
          actor,
          action: 'approval.decided',
          entityType: 'ApprovalStep',
          entityId: step.id,
          subjectId: request.beneficiaryId,
          applicationId: requestApplicationId(request),
          before: { status: 'PENDING' },
          after: { status: approve ? 'APPROVED' : 'DENIED', comment: input.comment ?? null },
          metadata: {
            requestId: request.id,
            stage: stage.name,
            onBehalfOf: authority.onBehalfOf,
            approvedEndsAt: input.approvedEndsAt ?? null,
          },
        });

        // The stage's steps as they now stand: this one decided, the other pending steps of its seat skipped.
        const changed = new Map<string, (typeof stage.steps)[number]['status']>([
          [step.id, approve ? 'APPROVED' : 'DENIED'],
          ...siblings.map((id) => [id, 'SKIPPED'] as const),
        ]);
        const steps = stage.steps.map((s) => ({ ...s, status: changed.get(s.id) ?? s.status }));
        const progress = computeStageOutcome(stage, steps);
        const facts = requestFacts(request);
        if (progress.outcome === 'PENDING') {
          await notifyRequester(
            tx,
            facts,
            {
              kind: approve ? 'request.progress' : 'request.objection',
              title: `${actor.displayName} ${approve ? 'approved' : 'objected to'} your request for ${itemPhrase(facts)}`,
              body: `${stage.name}: ${progress.approvals} of ${progress.required} approvals so far.${input.comment ? ` “${input.comment}”` : ''}`,
            },
            deps,
          );
          return { requestStatus: 'PENDING' as const, stageStatus: 'PENDING' as const };
        }
        await tx.approvalStage.update({
          where: { id: stage.id },
          data: { status: progress.outcome, decidedAt: now },
        });
        await tx.approvalStep.updateMany({
          where: { stageId: stage.id, status: 'PENDING' },
          data: { status: 'SKIPPED' },
        });
        if (progress.outcome === 'DENIED') {
          await closeRequest(tx, request.id, 'DENIED', { ...deps, now, slackUpdateQueued: true });
          await recordAuditEvent(tx, {
            actor,
            action: 'request.denied',
            entityType: 'AccessRequest',
            entityId: request.id,
            subjectId: request.beneficiaryId,
            applicationId: requestApplicationId(request),
            after: { status: 'DENIED', stage: stage.name },
          });
          await notifyRequester(
            tx,
            facts,
            {
              kind: 'request.denied',
              title: `Your request for ${itemPhrase(facts)} was denied`,
              body: input.comment ?? '',
            },
            deps,
          );
          return { requestStatus: 'DENIED' as const, stageStatus: 'DENIED' as const };
        }
        const fresh = (
          await tx.accessRequest.findUniqueOrThrow({
            where: { id: request.id },
            select: { approvedEndsAt: true },
          })
        ).approvedEndsAt;
        const status = await advanceRequest(tx, { ...request, approvedEndsAt: fresh }, actor, {
          queue: deps.queue,
          now,
        });
        if (status === 'PENDING') {
          await notifyRequester(
            tx,
            facts,
            {
              kind: 'request.progress',
              title: `${stage.name}: approved. Your request for ${itemPhrase(facts)} moves on`,
              body: input.comment ?? '',
            },
            deps,
          );
        }
        return { requestStatus: status, stageStatus: 'APPROVED' as const };
      },
      { timeout: 30_000, maxWait: 15_000, isRepeatable: true },
    );
  } catch (error) {
    if (isAppError(error) && error.code === 'SOD_CONFLICT') {
      await recordAuditEvent(db, {
        actor,
        action: 'approval.sod_refused',
        entityType: 'ApprovalStep',
        entityId: early.stepId,
        metadata: { requestId: early.requestId, reason: error.message },
      });
    }
    throw error;
  }
}

/** The approver may bring the end date forward, within the future; never push it back. */
async function shortenEnd(
  tx: Prisma.TransactionClient,
  request: TRequestRow,
  approvedEndsAt: Date | null | undefined,
  now: Date,
) {
  if (!approvedEndsAt) return;
  const current = effectiveEndsAt(request);
  if (approvedEndsAt <= now)
    throw new AppError('INVALID_INPUT', 'The end date must be in the future', { field: 'approvedEndsAt' });
  if (current && approvedEndsAt > current) {
    throw new AppError(
      'INVALID_INPUT',
      `An approver can only shorten the access: it ends ${formatDate(current)} at the latest`,
      { field: 'approvedEndsAt' },
    );
  }
  await tx.accessRequest.update({ where: { id: request.id }, data: { approvedEndsAt } });
}
