import { systemActor } from '@/server/auth/actor.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import { inTransaction, type TDb } from '@/server/db/client.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { notifyApprovers } from './approval-notifications.ts';
import { lockRequest, requestApplicationId, requestFacts } from './request-row.ts';

/**
 * Reminds approvers whose step has waited past its stage's reminder time (policy reminderHours),
 * once per step. The scheduled job runs it; under the request lock, so two runs remind once.
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
      await tx.approvalStep.updateMany({
        where: { id: { in: steps.map((s) => s.id) } },
        data: { remindedAt: now },
      });
      await notifyApprovers(
        tx,
        requestFacts(request),
        steps.map((s) => s.approverId),
        { ...deps, now, kind: 'approval.reminder', titlePrefix: 'Reminder: ' },
      );
      await recordAuditEvent(tx, {
        actor: systemActor('SCHEDULER'),
        action: 'approval.reminded',
        entityType: 'AccessRequest',
        entityId: requestId,
        subjectId: request.beneficiaryId,
        applicationId: requestApplicationId(request),
        metadata: { approvers: steps.map((s) => s.approverId) },
      });
      return steps.length;
    });
  }
  return { reminded };
}
