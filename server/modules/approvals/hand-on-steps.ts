import { systemActor, type TActor } from '@/server/auth/actor.ts';
import { ACTING_STATUSES } from '@/server/auth/can-act.ts';
import { inTransaction, type Prisma, type TDb } from '@/server/db/client.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { delegatesOf } from './active-delegations.ts';
import { notify } from '@/server/modules/notifications/index.ts';
import { approvalLink, itemPhrase } from './approval-notifications.ts';
import { escalateSteps } from './escalate-steps.ts';
import { lockRequest, requestFacts, stageAuditEvent } from './request-row.ts';

/**
 * The open approval steps of people who can no longer act (suspended, left) do not wait for them:
 * where an out-of-office delegation is in force its stand-in already may decide, and is told; every
 * other step is escalated at once, as if its SLA had passed. Steps of stages not yet reached are
 * handed on when their stage starts (advanceRequest). In the caller's transaction.
 */
export async function handOnApprovalSteps(
  tx: Prisma.TransactionClient,
  approverIds: readonly string[],
  deps: {
    queue: TJobQueue;
    now: Date;
    actor: TActor;
    /** Only this request's steps (its row is locked already). */ requestId?: string;
  },
): Promise<{ escalated: number; standIns: number }> {
  const result = { escalated: 0, standIns: 0 };
  if (approverIds.length === 0) return result;
  const open = await tx.approvalStep.findMany({
    // Steps escalated before to nobody (overdue at the top of a chain) are taken too: escalateSteps
    // hands them to the identity team now that their approver cannot act.
    where: {
      approverId: { in: [...approverIds] },
      requestId: deps.requestId,
      status: 'PENDING',
      stage: { status: 'PENDING' },
      request: { status: 'PENDING' },
    },
    select: { id: true, approverId: true, stageId: true, requestId: true },
    orderBy: [{ requestId: 'asc' }, { stageId: 'asc' }],
  });
  if (open.length === 0) return result;
  const standIns = await delegatesOf(tx, [...new Set(open.map((s) => s.approverId))], deps.now);
  const byStage = new Map<string, typeof open>();
  for (const step of open) byStage.set(step.stageId, [...(byStage.get(step.stageId) ?? []), step]);
  for (const [stageId, steps] of byStage) {
    const request = await lockRequest(tx, steps[0]!.requestId);
    if (!request || request.status !== 'PENDING') continue;
    await tx.$queryRaw`SELECT id FROM "ApprovalStage" WHERE id = ${stageId}::uuid FOR UPDATE`;
    const stage = await tx.approvalStage.findUniqueOrThrow({
      where: { id: stageId },
      select: {
        id: true,
        name: true,
        status: true,
        slaHours: true,
        steps: {
          select: { id: true, approverId: true, status: true, escalatedAt: true, escalatedFromId: true },
        },
      },
    });
    if (stage.status !== 'PENDING') continue;
    const covered = steps.filter((s) => standIns.has(s.approverId));
    const escalating = new Set(steps.filter((s) => !standIns.has(s.approverId)).map((s) => s.id));
    if (escalating.size)
      result.escalated += await escalateSteps(tx, request, stage, escalating, {
        queue: deps.queue,
        now: deps.now,
        actor: deps.actor,
        cause: 'APPROVER_CANNOT_ACT',
      });
    if (covered.length) {
      const approvers = [...new Set(covered.map((s) => s.approverId))];
      const recipients = [...new Set(approvers.flatMap((id) => standIns.get(id) ?? []))];
      const facts = requestFacts(request);
      await notify(
        tx,
        recipients.map((recipientId) => ({
          recipientId,
          kind: 'approval.handed_on',
          title: `Approve ${itemPhrase(facts)} for ${facts.beneficiaryName}? (standing in)`,
          body: `The approver can no longer act on “${stage.name}”, so it is yours as their stand-in. Their reason for asking: ${request.justification}`,
          link: approvalLink(request.id),
        })),
        { queue: deps.queue },
      );
      await recordAuditEvent(
        tx,
        stageAuditEvent(deps.actor, 'approval.handed_on', stage, request, {
          standIns: approvers.map((id) => ({ for: id, to: standIns.get(id) ?? [] })),
        }),
      );
      result.standIns += covered.length;
    }
  }
  return result;
}

/**
 * The sweep behind the leaver's hand-on (approvals.escalate, every ten minutes): open steps of people
 * who cannot act that nothing handed on. The leaver's own `handOnApprovalSteps` cannot see a step
 * written by a submission that committed after it (the submission read the approver as active before
 * the leaver committed: a write skew, docs/decisions/112), and such a step waited for its SLA. Steps
 * whose approver has a stand-in in force are left out: the stand-in may decide them already, and
 * handing them on would tell the stand-in again at every run. So are steps escalated since
 * their approver stopped acting (`escalatedAt` at or after the person's `statusChangedAt` (`updatedAt`
 * for a person whose status has not changed since the column came), or their
 * leaver stamp `terminatedAt`, which is the leaver's hand-on clock): they were handed on already and
 * found nobody, and taking them again at every run would find nobody again. Not `updatedAt`: any
 * later edit of the person moves it (docs/decisions/115). A step escalated before its approver stopped acting (overdue at the
 * top of a chain) is still taken. One read, then one transaction.
 */
export async function handOnStepsOfIdleApprovers(
  db: TDb,
  deps: { queue: TJobQueue; now?: Date; batchSize?: number },
): Promise<{ escalated: number }> {
  const now = deps.now ?? new Date();
  const idle = await db.$queryRaw<Array<{ id: string }>>`
    SELECT DISTINCT s."approverId"::text AS id
      FROM "ApprovalStep" s
      JOIN "Identity" i ON i.id = s."approverId"
      JOIN "ApprovalStage" g ON g.id = s."stageId"
      JOIN "AccessRequest" r ON r.id = s."requestId"
     WHERE s.status = 'PENDING' AND g.status = 'PENDING' AND r.status = 'PENDING'
       AND NOT (i.status::text = ANY(${[...ACTING_STATUSES]}::text[]))
       AND NOT EXISTS (SELECT 1 FROM "ApprovalStep" e WHERE e."escalatedFromId" = s.id)
       AND (s."escalatedAt" IS NULL OR s."escalatedAt" < GREATEST(i."terminatedAt", COALESCE(i."statusChangedAt", i."updatedAt")))
       AND NOT EXISTS (SELECT 1 FROM "Delegation" d JOIN "Identity" p ON p.id = d."delegateId"
                        WHERE d."delegatorId" = s."approverId" AND d."revokedAt" IS NULL
                          AND d."startsAt" <= ${now} AND d."endsAt" > ${now}
                          AND p.status::text = ANY(${[...ACTING_STATUSES]}::text[]))
     ORDER BY 1 LIMIT ${deps.batchSize ?? 200}`;
  if (idle.length === 0) return { escalated: 0 };
  const { escalated } = await inTransaction(
    db,
    (tx) =>
      handOnApprovalSteps(
        tx,
        idle.map((p) => p.id),
        { queue: deps.queue, now, actor: systemActor('SCHEDULER') },
      ),
    { timeout: 60_000 },
  );
  return { escalated };
}
