import { systemActor } from '@/server/auth/actor.ts';
import type { Prisma, TPrisma } from '@/server/db/client.ts';
import { recordAuditEvent } from '@/server/modules/audit/record-audit-event.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { notifyApprovers } from './approval-notifications.ts';
import { loadManagementChains } from './load-approval-context.ts';
import { lockRequest, requestFacts, type TRequestRow } from './request-row.ts';

const HOUR_MS = 3_600_000;

/**
 * Past a stage's SLA, each approver who has not decided is escalated to their manager: a new step in
 * the same seat (either of the two may decide it), and the next level gets a full SLA of its own.
 * Nobody is escalated to the requester, the beneficiary, an inactive person or someone already asked.
 */
export async function escalateOverdueSteps(db: TPrisma, deps: { queue: TJobQueue; now?: Date; batchSize?: number }): Promise<{ escalated: number }> {
  const now = deps.now ?? new Date();
  const stages = await db.approvalStage.findMany({
    where: { status: 'PENDING', dueAt: { lte: now }, request: { status: 'PENDING' } },
    orderBy: { dueAt: 'asc' },
    take: deps.batchSize ?? 200,
    select: { id: true, requestId: true },
  });
  let escalated = 0;
  for (const s of stages) {
    escalated += await db.$transaction(async (tx) => {
      const request = await lockRequest(tx, s.requestId);
      if (!request || request.status !== 'PENDING') return 0;
      await tx.$queryRaw`SELECT id FROM "ApprovalStage" WHERE id = ${s.id}::uuid FOR UPDATE`;
      const stage = await tx.approvalStage.findUniqueOrThrow({
        where: { id: s.id },
        select: { id: true, name: true, status: true, dueAt: true, slaHours: true, steps: { select: { id: true, approverId: true, status: true, escalatedAt: true } } },
      });
      if (stage.status !== 'PENDING' || !stage.dueAt || stage.dueAt > now) return 0;
      return escalateStage(tx, request, stage, { ...deps, now });
    });
  }
  return { escalated };
}

async function escalateStage(
  tx: Prisma.TransactionClient,
  request: TRequestRow,
  stage: { id: string; name: string; slaHours: number | null; steps: Array<{ id: string; approverId: string; status: string; escalatedAt: Date | null }> },
  deps: { queue: TJobQueue; now: Date },
): Promise<number> {
  const overdue = stage.steps.filter((x) => x.status === 'PENDING' && !x.escalatedAt);
  const asked = new Set(stage.steps.map((x) => x.approverId));
  const excluded = new Set([request.requesterId, request.beneficiaryId]);
  const people = await loadManagementChains(tx, overdue.map((x) => x.approverId));
  const created: Array<{ to: string; from: string }> = [];
  for (const step of overdue) {
    let candidate = people.get(step.approverId)?.managerId ?? null;
    for (let depth = 0; candidate && depth < 20; depth++) {
      const p = people.get(candidate);
      if (!p) {
        candidate = null;
        break;
      }
      if (p.isActive && !excluded.has(p.id) && !asked.has(p.id)) break;
      candidate = p.managerId;
    }
    await tx.approvalStep.update({ where: { id: step.id }, data: { escalatedAt: deps.now } });
    if (!candidate) continue;
    asked.add(candidate);
    await tx.approvalStep.create({ data: { stageId: stage.id, requestId: request.id, approverId: candidate, reason: 'ESCALATION', escalatedFromId: step.id } });
    created.push({ to: candidate, from: step.approverId });
  }
  await tx.approvalStage.update({ where: { id: stage.id }, data: { dueAt: stage.slaHours ? new Date(deps.now.getTime() + stage.slaHours * HOUR_MS) : null } });
  await recordAuditEvent(tx, {
    actor: systemActor('SCHEDULER'),
    action: 'approval.escalated',
    entityType: 'ApprovalStage',
    entityId: stage.id,
    subjectId: request.beneficiaryId,
    metadata: { requestId: request.id, stage: stage.name, escalations: created, unescalated: overdue.length - created.length },
  });
  for (const c of created) {
    const from = await tx.identity.findUnique({ where: { id: c.from }, select: { displayName: true } });
    await notifyApprovers(tx, { ...requestFacts(request), justification: `${from?.displayName ?? 'The approver'} has not decided “${stage.name}” in time, so it is escalated to you. Their reason for asking: ${request.justification}` }, [c.to], {
      ...deps,
      kind: 'approval.escalated',
      titlePrefix: 'Escalated: ',
    });
  }
  return created.length;
}
