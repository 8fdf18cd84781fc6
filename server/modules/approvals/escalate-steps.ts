import type { TActor } from '@/server/auth/actor.ts';
import type { Prisma } from '@/server/db/client.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import { ACTING_STATUSES } from '@/server/auth/can-act.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { notifyApprovers } from './approval-notifications.ts';
import { loadManagementChains } from './load-management-chains.ts';
import { requestFacts, stageAuditEvent, type TRequestRow } from './request-row.ts';

const HOUR_MS = 3_600_000;

export type TEscalationStage = {
  id: string;
  name: string;
  slaHours: number | null;
  steps: Array<{
    id: string;
    approverId: string;
    status: string;
    escalatedAt: Date | null;
    escalatedFromId: string | null;
  }>;
};

/** Why a step goes up: its approver let the SLA pass, or can no longer act (suspended, left). */
export type TEscalationCause = 'OVERDUE' | 'APPROVER_CANNOT_ACT';

const WHY: Record<TEscalationCause, (from: string, stage: string) => string> = {
  OVERDUE: (from, stage) => `${from} has not decided “${stage}” in time, so it is escalated to you.`,
  APPROVER_CANNOT_ACT: (from, stage) => `${from} can no longer decide “${stage}”, so it is handed on to you.`,
};

/**
 * Escalates these pending steps of a stage (under the request's and the stage's row locks): each
 * approver's manager gets a new step in the same seat (either of the two may decide it), and the next
 * level gets a full SLA of its own. Nobody is escalated to the requester, the beneficiary, an
 * inactive person or someone already asked. A step with nobody above it is marked escalated and
 * stays, unless its approver can no longer act: then the identity admins share the seat, whatever
 * the cause (an overdue step whose approver was suspended since is not left with nobody). A step
 * escalated before to nobody is taken again once its approver can no longer act.
 */
export async function escalateSteps(
  tx: Prisma.TransactionClient,
  request: TRequestRow,
  stage: TEscalationStage,
  stepIds: ReadonlySet<string>,
  deps: { queue: TJobQueue; now: Date; actor: TActor; cause: TEscalationCause },
): Promise<number> {
  const handedOn = new Set(stage.steps.map((x) => x.escalatedFromId).filter(Boolean));
  const candidates = stage.steps.filter(
    (x) => stepIds.has(x.id) && x.status === 'PENDING' && (!x.escalatedAt || !handedOn.has(x.id)),
  );
  const asked = new Set(stage.steps.map((x) => x.approverId));
  const excluded = new Set([request.requesterId, request.beneficiaryId]);
  const people = await loadManagementChains(
    tx,
    candidates.map((x) => x.approverId),
  );
  const cannotAct = (approverId: string) =>
    deps.cause === 'APPROVER_CANNOT_ACT' || people.get(approverId)?.isActive === false;
  const escalating = candidates.filter((x) => !x.escalatedAt || cannotAct(x.approverId));
  const created: Array<{ to: string; from: string }> = [];
  const newSteps: Prisma.ApprovalStepCreateManyInput[] = [];
  let admins: string[] | undefined;
  for (const step of escalating) {
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
    // Nobody above someone who can no longer act: the identity team takes the seat, as it does when
    // a chain finds no approver at all. (An overdue approver is still there to decide.)
    const to = candidate
      ? [candidate]
      : cannotAct(step.approverId)
        ? (admins ??= await activeAdmins(tx)).filter((id) => !excluded.has(id) && !asked.has(id))
        : [];
    for (const approverId of to) {
      asked.add(approverId);
      newSteps.push({
        stageId: stage.id,
        requestId: request.id,
        approverId,
        reason: candidate ? 'ESCALATION' : 'FALLBACK_ADMIN',
        escalatedFromId: step.id,
      });
      created.push({ to: approverId, from: step.approverId });
    }
  }
  // A step escalated before that found nobody again is left as it was: writing it again (an audit
  // event, a new SLA for the stage) at every sweep run would postpone the stage's other steps forever.
  const handedFrom = new Set(newSteps.map((x) => x.escalatedFromId));
  const marked = escalating.filter((x) => !x.escalatedAt || handedFrom.has(x.id));
  if (marked.length === 0) return 0;
  // The whole stage in a fixed number of statements, however many of its steps escalate.
  await tx.approvalStep.updateMany({
    where: { id: { in: marked.map((x) => x.id) } },
    data: { escalatedAt: deps.now },
  });
  // Only a new approver gets a full SLA of their own; a step marked with nobody to go to leaves the
  // stage's SLA running for its other approvers.
  if (newSteps.length) {
    await tx.approvalStep.createMany({ data: newSteps });
    await tx.approvalStage.update({
      where: { id: stage.id },
      // The clock starts again for the new approver: a follow's restart is bounded from here on.
      data: {
        dueAt: stage.slaHours ? new Date(deps.now.getTime() + stage.slaHours * HOUR_MS) : null,
        clockStartedAt: deps.now,
      },
    });
  }
  await recordAuditEvent(
    tx,
    stageAuditEvent(deps.actor, 'approval.escalated', stage, request, {
      cause: deps.cause,
      escalations: created,
      unescalated: marked.filter((x) => !handedFrom.has(x.id)).length,
    }),
  );
  // Everyone who took a seat is told in one go, each in words that name the approver they replace.
  const fromIds = [...new Set(created.map((c) => c.from))];
  const names = new Map(
    (fromIds.length
      ? await tx.identity.findMany({
          where: { id: { in: fromIds } },
          select: { id: true, displayName: true },
        })
      : []
    ).map((p) => [p.id, p.displayName]),
  );
  const fromOf = new Map(created.map((c) => [c.to, c.from]));
  // Whom notifyApprovers does not ask (cannot act) needs no handing on here: every seat above went to
  // someone who can act (canAct, askedSql's rule, read in this transaction under the request's lock).
  if (created.length)
    await notifyApprovers(
      tx,
      requestFacts(request),
      created.map((c) => c.to),
      {
        ...deps,
        kind: 'approval.escalated',
        titlePrefix: 'Escalated: ',
        bodyOf: (to) =>
          `${WHY[deps.cause](names.get(fromOf.get(to)!) ?? 'The approver', stage.name)} Their reason for asking: ${request.justification}`,
      },
    );
  return created.length;
}

async function activeAdmins(tx: Prisma.TransactionClient): Promise<string[]> {
  const rows = await tx.identity.findMany({
    where: { status: { in: [...ACTING_STATUSES] }, portalRoles: { some: { role: 'IDENTITY_ADMIN' } } },
    select: { id: true },
    orderBy: { id: 'asc' },
  });
  return rows.map((r) => r.id);
}
