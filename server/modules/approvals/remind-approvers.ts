import { systemActor } from '@/server/auth/actor.ts';
import { ACTING_STATUSES } from '@/server/auth/can-act.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import { inTransaction, type TDb } from '@/server/db/client.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { notifyApprovers } from './approval-notifications.ts';
import { lockRequest, requestApplicationId, requestFacts } from './request-row.ts';

/**
 * Reminds approvers whose step has waited past its stage's reminder time (policy reminderHours),
 * once per step. The scheduled job runs it; under the request lock, so two runs remind once.
 *
 * Only approvers who can act are reminded, counted and marked (askedSql's one rule): the step of one who
 * cannot is not handed on here but where they stopped acting (settle-lifecycle-changes), when its stage
 * starts (announceStage) and by the sweep for any those missed (handOnStepsOfIdleApprovers). Handing
 * it on here too would tell a stand-in again at each run; it keeps no remindedAt, not having been reminded.
 */
export async function remindApprovers(
  db: TDb,
  deps: { queue: TJobQueue; now?: Date; batchSize?: number },
): Promise<{ reminded: number }> {
  const now = deps.now ?? new Date();
  const due = await db.approvalStep.findMany({
    where: {
      status: 'PENDING',
      remindedAt: null,
      stage: { status: 'PENDING', remindAt: { lte: now } },
      request: { status: 'PENDING' },
      // Not the steps of those who cannot act: never reminded, they would be read again at every run.
      approver: { status: { in: [...ACTING_STATUSES] } },
    },
    orderBy: { createdAt: 'asc' },
    take: deps.batchSize ?? 500,
    select: { id: true, requestId: true },
  });
  const byRequest = new Map<string, string[]>();
  for (const s of due) byRequest.set(s.requestId, [...(byRequest.get(s.requestId) ?? []), s.id]);
  let reminded = 0;
  for (const [requestId, stepIds] of byRequest) {
    reminded += await inTransaction(db, async (tx) => {
      const request = await lockRequest(tx, requestId);
      if (!request || request.status !== 'PENDING') return 0;
      const steps = await tx.approvalStep.findMany({
        where: { id: { in: stepIds }, status: 'PENDING', remindedAt: null, stage: { status: 'PENDING' } },
        select: { id: true, approverId: true },
      });
      if (steps.length === 0) return 0;
      // Someone who stopped acting since the read above is not asked (askedSql): not marked, counted or
      // audited as reminded; the audit names them apart.
      const notAsked = await notifyApprovers(
        tx,
        requestFacts(request),
        steps.map((s) => s.approverId),
        { ...deps, now, kind: 'approval.reminder', titlePrefix: 'Reminder: ' },
      );
      const asked = steps.filter((s) => !notAsked.has(s.approverId));
      if (asked.length === 0) return 0;
      await tx.approvalStep.updateMany({
        where: { id: { in: asked.map((s) => s.id) } },
        data: { remindedAt: now },
      });
      await recordAuditEvent(tx, {
        actor: systemActor('SCHEDULER'),
        action: 'approval.reminded',
        entityType: 'AccessRequest',
        entityId: requestId,
        subjectId: request.beneficiaryId,
        applicationId: requestApplicationId(request),
        metadata: {
          approvers: asked.map((s) => s.approverId),
          ...(notAsked.size ? { notAsked: [...notAsked] } : {}),
        },
      });
      return asked.length;
    });
  }
  return { reminded };
}
