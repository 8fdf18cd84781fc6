import type { TActor } from '@/server/auth/actor.ts';
import type { Prisma } from '@/server/db/client.ts';
import { withWrites } from '@/server/db/with-writes.ts';
import { queryJson } from '@/server/db/query-json.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { activateStage, approvalChainSql, type TStageDraft } from './approval-chain-rows.ts';
import {
  askApproversSql,
  notifyApprovers,
  queueAskMessages,
  type TAsk,
  type TAskedRow,
} from './approval-notifications.ts';
import { requestConflicts } from './approval-sod-gate.ts';
import { finalizeApproval } from './finalize-approval.ts';
import { handOnApprovalSteps } from './hand-on-steps.ts';
import { queueSlackMessageUpdate } from './queue-slack-messages.ts';
import { requestFacts, type TRequestRow } from './request-row.ts';
import { computeStageOutcome } from './stage-outcome.ts';

/**
 * Moves a request whose current stage is settled to its next stage, or, when none is left, to
 * approval. Called under the request's row lock, after submit and after every approved stage.
 */
export async function advanceRequest(
  tx: Prisma.TransactionClient,
  request: TRequestRow,
  actor: TActor,
  deps: { queue: TJobQueue; now: Date },
): Promise<'PENDING' | 'APPROVED'> {
  for (;;) {
    const next = await tx.approvalStage.findFirst({
      where: { requestId: request.id, status: 'WAITING' },
      orderBy: { position: 'asc' },
      select: {
        id: true,
        requestId: true,
        position: true,
        mode: true,
        quorum: true,
        kind: true,
        slaHours: true,
        reminderHours: true,
      },
    });
    if (!next) {
      await finalizeApproval(tx, request, actor, deps);
      return 'APPROVED';
    }
    if (next.kind === 'SOD_MITIGATION') {
      // A control recorded at an earlier stage (or a rule since relaxed) leaves nothing to mitigate.
      const { relevant } = await requestConflicts(tx, request, deps.now);
      if (!relevant.some((c) => c.status === 'NEEDS_MITIGATION')) {
        await tx.approvalStage.update({
          where: { id: next.id },
          data: { status: 'SKIPPED', decidedAt: deps.now },
        });
        await tx.approvalStep.updateMany({
          where: { stageId: next.id, status: 'PENDING' },
          data: { status: 'SKIPPED' },
        });
        continue;
      }
    }
    const { outcome, pendingApproverIds } = await activateStage(tx, next, deps.now);
    if (outcome !== 'APPROVED') {
      await announceStage(tx, request, pendingApproverIds, actor, deps);
      return 'PENDING';
    }
    await tx.approvalStage.update({
      where: { id: next.id },
      data: { status: 'APPROVED', decidedAt: deps.now },
    });
    await tx.approvalStep.updateMany({
      where: { stageId: next.id, status: 'PENDING' },
      data: { status: 'SKIPPED' },
    });
  }
}

/**
 * A new request's chain, written and started: createApprovalChain then advanceRequest, in fewer
 * statements. Its first approval stage is written PENDING with its clock running, as activating it
 * would leave it: nobody has decided anything on a request that is being created, there is no earlier
 * stage to carry an approval over from, and a stage whose approvers all have yet to decide is not
 * settled (computeStageOutcome says so here, from the drafts). Any other chain (none, or one that
 * starts with a mitigation stage) takes the general path. Call inside the transaction that creates
 * the request.
 */
export async function startApprovalChain(
  tx: Prisma.TransactionClient,
  request: TRequestRow,
  stages: readonly TStageDraft[],
  actor: TActor,
  deps: {
    queue: TJobQueue;
    now: Date;
    /**
     * Writes of the caller's that the chain's own first statement carries (the request's row and its
     * audit event, data-modifying CTEs: withWrites): the chain and they are written in one round trip.
     */
    writesBefore?: readonly Prisma.Sql[];
  },
): Promise<'PENDING' | 'APPROVED'> {
  const [first] = stages;
  const { writesBefore = [], ...chainDeps } = deps;
  const opens =
    first?.kind === 'APPROVAL' &&
    computeStageOutcome(
      { mode: first.mode, quorum: first.required },
      first.approvers.map((a) => ({ id: a.identityId, status: 'PENDING' as const, escalatedFromId: null })),
    ).outcome === 'PENDING';
  if (!opens) {
    const writes = [...writesBefore, ...approvalChainSql(request.id, stages)];
    if (writes.length > 0) await tx.$executeRaw(withWrites(writes));
    return advanceRequest(tx, request, actor, chainDeps);
  }
  // The chain's rows and its first approvers' notifications in one statement, which reads back who
  // was asked, who cannot act and the Slack setting: all chosen from people, delegations and the
  // setting, none of which it writes, in its one snapshot (askApproversSql, as every ask).
  // Prepared (docs/decisions/118): its text is one of a few shapes whatever the chain, since each bulk
  // INSERT takes its rows as one JSON parameter (bulkInsertSql) and it asks about one request; only the
  // caller's writes change it.
  const approverIds = first.approvers.map((a) => a.identityId);
  const asks = [{ request: requestFacts(request), approverIds }];
  const { write, read } = askApproversSql(asks, { now: deps.now, writtenAt: deps.now });
  const [asked] = await queryJson<TAskedRow>(
    tx,
    withWrites([...writesBefore, ...approvalChainSql(request.id, stages, deps.now), write], read),
    { prepared: true },
  );
  await announceStage(tx, request, approverIds, actor, {
    ...chainDeps,
    asked: { asks, row: asked! },
  });
  return 'PENDING';
}

/** A stage has just become current: its approvers are asked, and the steps of any who cannot act are handed on. */
async function announceStage(
  tx: Prisma.TransactionClient,
  request: TRequestRow,
  pendingApproverIds: string[],
  actor: TActor,
  deps: {
    queue: TJobQueue;
    now: Date;
    /** The caller's statement asked them already (askApproversSql): only emails and Slack remain. */
    asked?: { asks: readonly TAsk[]; row: TAskedRow };
  },
): Promise<void> {
  if (pendingApproverIds.length === 0) return;
  // Someone suspended (or gone) since the chain was drawn up is not asked and does not hold the stage
  // up: the same statement that asks the others says who they are.
  const { asked, ...askDeps } = deps;
  const idle = asked
    ? await queueAskMessages(tx, asked.asks, asked.row, askDeps)
    : await notifyApprovers(tx, requestFacts(request), pendingApproverIds, askDeps);
  await handOnApprovalSteps(tx, [...idle], { ...askDeps, actor, requestId: request.id });
}

/**
 * Closes requests that will not be approved: their open steps and stages end with them, and the
 * approvers' Slack messages say so and lose their buttons (docs/decisions/072). The one way a request
 * closes unapproved, whoever closes it (a denial, the requester, expiry, a leaver's exit, an ended
 * grant's extension). Call with requests that are still PENDING (locked, or re-read in the transaction).
 */
export async function closeRequests(
  tx: Prisma.TransactionClient,
  requestIds: readonly string[],
  status: 'DENIED' | 'CANCELLED' | 'EXPIRED',
  deps: { queue: TJobQueue; now: Date; slackUpdateQueued?: boolean },
): Promise<string[]> {
  if (requestIds.length === 0) return [];
  // Only requests still PENDING: a caller that read them without a lock (the kill switch, an ended
  // grant's extensions) must not rewrite one approved a moment ago, whose grant already exists.
  const closed = (
    await tx.accessRequest.updateManyAndReturn({
      where: { id: { in: [...requestIds] }, status: 'PENDING' },
      data: { status, decidedAt: deps.now },
      select: { id: true },
    })
  ).map((r) => r.id);
  if (closed.length === 0) return [];
  const requestId = { in: closed };
  await tx.approvalStep.updateMany({
    where: { requestId, status: 'PENDING' },
    data: { status: status === 'DENIED' ? 'SKIPPED' : 'CANCELLED' },
  });
  await tx.approvalStage.updateMany({
    where: { requestId, status: { in: ['WAITING', 'PENDING'] } },
    data: { status: 'CANCELLED' },
  });
  // A decision queues the update for itself, whatever its outcome.
  if (!deps.slackUpdateQueued) await queueSlackMessageUpdate(tx, closed, deps);
  return closed;
}

/** closeRequests for one request. */
export const closeRequest = (
  tx: Prisma.TransactionClient,
  requestId: string,
  status: 'DENIED' | 'CANCELLED' | 'EXPIRED',
  deps: { queue: TJobQueue; now: Date; slackUpdateQueued?: boolean },
) => closeRequests(tx, [requestId], status, deps).then((closed) => closed.length > 0);

/** Extensions still waiting for grants that have just ended: nothing is left to extend. */
export async function closePendingExtensions(
  tx: Prisma.TransactionClient,
  grantIds: string[],
  status: 'CANCELLED' | 'EXPIRED',
  deps: { queue: TJobQueue; now: Date },
): Promise<void> {
  if (grantIds.length === 0) return;
  const extensions = await tx.accessRequest.findMany({
    where: { grantId: { in: grantIds }, kind: 'EXTEND', status: 'PENDING' },
    select: { id: true },
  });
  await closeRequests(
    tx,
    extensions.map((e) => e.id),
    status,
    deps,
  );
}
