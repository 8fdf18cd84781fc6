import { systemActor } from '@/server/auth/actor.ts';
import { inTransaction, type TDb } from '@/server/db/client.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { escalateSteps } from './escalate-steps.ts';
import { lockRequest } from './request-row.ts';

/**
 * Past a stage's SLA, each approver who has not decided is escalated to their manager: a new step in
 * the same seat (either of the two may decide it), and the next level gets a full SLA of its own.
 * Nobody is escalated to the requester, the beneficiary, an inactive person or someone already asked.
 */
export async function escalateOverdueSteps(
  db: TDb,
  deps: { queue: TJobQueue; now?: Date; batchSize?: number },
): Promise<{ escalated: number }> {
  const now = deps.now ?? new Date();
  const stages = await db.approvalStage.findMany({
    // Only stages with a step not escalated yet: a stage whose overdue steps found nobody above keeps
    // its past dueAt (escalateSteps resets it only for a new approver) and would fill every batch.
    where: {
      status: 'PENDING',
      dueAt: { lte: now },
      request: { status: 'PENDING' },
      steps: { some: { status: 'PENDING', escalatedAt: null } },
    },
    orderBy: { dueAt: 'asc' },
    take: deps.batchSize ?? 200,
    select: { id: true, requestId: true },
  });
  let escalated = 0;
  for (const s of stages) {
    escalated += await inTransaction(db, async (tx) => {
      const request = await lockRequest(tx, s.requestId);
      if (!request || request.status !== 'PENDING') return 0;
      await tx.$queryRaw`SELECT id FROM "ApprovalStage" WHERE id = ${s.id}::uuid FOR UPDATE`;
      const stage = await tx.approvalStage.findUniqueOrThrow({
        where: { id: s.id },
        select: {
          id: true,
          name: true,
          status: true,
          dueAt: true,
          slaHours: true,
          steps: {
            select: { id: true, approverId: true, status: true, escalatedAt: true, escalatedFromId: true },
          },
        },
      });
      if (stage.status !== 'PENDING' || !stage.dueAt || stage.dueAt > now) return 0;
      const overdue = new Set(
        stage.steps.filter((x) => x.status === 'PENDING' && !x.escalatedAt).map((x) => x.id),
      );
      return escalateSteps(tx, request, stage, overdue, {
        queue: deps.queue,
        now,
        actor: systemActor('SCHEDULER'),
        cause: 'OVERDUE',
      });
    });
  }
  return { escalated };
}
