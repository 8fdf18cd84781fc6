import type { TActor } from '@/server/auth/actor.ts';
import type { Prisma } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { appendApprovalStages } from './approval-chain-rows.ts';
import { draftApprovalChain } from './approval-chain-drafts.ts';
import { approvalLink, notifyRequester } from './approval-notifications.ts';
import { loadChainFactsOfRequests } from './load-chain-facts.ts';
import { REQUEST_ROW_SELECT, requestFacts } from './request-row.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import { notify } from '@/server/modules/notifications/index.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { loadRequestItems, type TItemRef } from './load-request-items.ts';
import { missingStages } from './missing-stages.ts';

/** What made the chains be drawn again: an item's risk rose, or the policies that decide it changed. */
export type TRedrawCause = 'RISK' | 'POLICY';

/**
 * The pending requests for these items, their chains drawn again as a submission would draw them now
 * (loadChainFacts and draftApprovalChain: the one chain builder), and the approval stages they lack
 * added after their last one (docs/decisions/112). Call in the transaction that changed the items
 * (a role's contents or level), after the change: a Low role that now bundles Payroll is approved as
 * High, so a request submitted while it was Low gains the security review before it can be granted.
 *
 * A redraw only adds. A stage the request already has (missingStages: the same people, not the same
 * name), decided or not, stays as it is, and
 * a stage the new chain would not have is not taken away: steps already decided stay decided, and a
 * change that lowers a role's risk does not loosen a chain somebody was promised. A stage added behind
 * one already decided asks its approvers when the request reaches it (advanceRequest), and someone who
 * approved an earlier stage is not asked again (activateStage). The requester, the beneficiary and
 * the current stage's approvers are told; each redrawn request is audited.
 *
 * A request nobody could now approve (no approver for the new stage, not even an identity admin)
 * refuses the change, naming it: keeping its lower chain would let it be granted without the review.
 */
export async function redrawPendingChains(
  tx: Prisma.TransactionClient,
  actor: TActor,
  items: readonly TItemRef[],
  deps: { queue: TJobQueue; now: Date; cause?: TRedrawCause },
): Promise<{ redrawn: string[] }> {
  const cause = deps.cause ?? 'RISK';
  const roleIds = items.filter((i) => i.kind === 'ROLE').map((i) => i.id);
  const entitlementIds = items.filter((i) => i.kind === 'ENTITLEMENT').map((i) => i.id);
  // Locked in id order, as every decision locks its request first: no decision lands in between.
  const pending = await tx.$queryRaw<Array<{ id: string }>>`
    SELECT id::text FROM "AccessRequest"
     WHERE status = 'PENDING'
       AND ("roleId" = ANY(${roleIds}::uuid[]) OR "entitlementId" = ANY(${entitlementIds}::uuid[]))
     ORDER BY id FOR UPDATE`;
  if (pending.length === 0) return { redrawn: [] };
  const { requests, stagesOf, loaded, factsFor } = await loadPendingChains(
    tx,
    pending.map((p) => p.id),
    items,
  );
  const redrawn: string[] = [];
  for (const request of requests) {
    const { id } = request;
    const item = loaded.get(request.roleId ?? request.entitlementId ?? '');
    if (!item) continue;
    const chainFacts = factsFor(request.requesterId, request.beneficiaryId);
    // Mitigation is the SoD gate's, at every approval: only the policy's stages are redrawn here.
    const draft = draftApprovalChain(chainFacts, {
      item,
      firstStageOnly: request.kind === 'EXTEND',
      needsMitigation: false,
    });
    if (draft.problem)
      throw new AppError(
        'NO_APPROVER',
        `Request for ${item.name} (${request.beneficiary.displayName}) would need approval nobody can give: ${draft.problem.message}`,
      );
    const stages = stagesOf.get(id) ?? [];
    const missing = missingStages(stages, draft.stages);
    if (missing.length === 0) continue;
    await appendApprovalStages(tx, id, missing);
    const added = missing.map((s) => s.name);
    await recordAuditEvent(tx, {
      actor,
      action: 'request.chain_redrawn',
      entityType: 'AccessRequest',
      entityId: id,
      subjectId: request.beneficiaryId,
      before: { stages: stages.map((s) => s.name) },
      after: { stages: [...stages.map((s) => s.name), ...added] },
      metadata: { cause, risk: item.risk, policy: draft.policy.name, added },
    });
    const facts = requestFacts(request);
    const needs = `the request also needs ${added.map((n) => `“${n}”`).join(', ')}`;
    const what =
      cause === 'RISK'
        ? `${item.name} is now ${item.risk.toLowerCase()} risk: ${needs}`
        : `The approval policy for ${item.name} changed (${draft.policy.name}): ${needs}`;
    await notifyRequester(
      tx,
      facts,
      { kind: 'request.chain_redrawn', title: 'Your request needs more approval', body: what },
      deps,
    );
    const current = stages
      .filter((s) => s.status === 'PENDING')
      .flatMap((s) => s.steps.filter((x) => x.status === 'PENDING').map((x) => x.approverId));
    await notify(
      tx,
      [...new Set(current)].map((recipientId) => ({
        recipientId,
        kind: 'approval.chain_redrawn',
        title: `Request for ${facts.beneficiaryName}: ${item.name} needs more approval`,
        body: `${what}, after your stage.`,
        link: approvalLink(id),
      })),
      { queue: deps.queue },
    );
    redrawn.push(id);
  }
  return { redrawn };
}

/**
 * What redrawing these pending requests (locked by the caller) reads, in four statements however
 * many they are: the requests, their stages and steps, their items as a submission loads them (those
 * given, else the requests' own), and the chains' facts for all of them (its requester and
 * beneficiary choose a request's approvers): the reads do not grow with the number of requests.
 */
export async function loadPendingChains(
  tx: Prisma.TransactionClient,
  ids: readonly string[],
  items?: readonly TItemRef[],
) {
  const [requests, allStages] = await Promise.all([
    tx.accessRequest.findMany({
      where: { id: { in: [...ids] } },
      select: REQUEST_ROW_SELECT,
      orderBy: { id: 'asc' },
    }),
    tx.approvalStage.findMany({
      where: { requestId: { in: [...ids] } },
      select: {
        id: true,
        requestId: true,
        position: true,
        name: true,
        mode: true,
        kind: true,
        status: true,
        quorum: true,
        teamIds: true,
        steps: {
          select: { id: true, status: true, approverId: true, escalatedFromId: true, reason: true },
          orderBy: { createdAt: 'asc' },
        },
      },
      orderBy: [{ requestId: 'asc' }, { position: 'asc' }],
    }),
  ]);
  const stagesOf = new Map<string, typeof allStages>();
  for (const stage of allStages)
    stagesOf.set(stage.requestId, [...(stagesOf.get(stage.requestId) ?? []), stage]);
  const refs =
    items ??
    requests.map((r): TItemRef =>
      r.roleId ? { kind: 'ROLE', id: r.roleId } : { kind: 'ENTITLEMENT', id: r.entitlementId! },
    );
  const loaded = await loadRequestItems(tx, refs);
  const factsFor = await loadChainFactsOfRequests(tx, { people: requests, items: [...loaded.values()] });
  return { requests, stagesOf, loaded, factsFor };
}

export type TPendingStage = NonNullable<
  ReturnType<Awaited<ReturnType<typeof loadPendingChains>>['stagesOf']['get']>
>[number];
