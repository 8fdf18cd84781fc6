import type { TUserActor } from '@/server/auth/actor.ts';
import type { Prisma, TDb } from '@/server/db/client.ts';
import type { RequestStatus } from '@/prisma/generated/enums.ts';
import { computeStageOutcome } from '@/server/modules/approvals/index.ts';
import { fromStoredSodCheck } from '@/server/modules/sod/index.ts';
import { roleRisk, ROLE_RISK_SELECT } from '@/server/lib/role-risk-query.ts';
import { parseRequestNumber } from '@/server/shared/request-number.ts';
import { cancelRefusal } from './cancel-rule.ts';
import { accessEnded, requestTimeline, summariseProvisioning } from './request-timeline.ts';

export type TMyRequestsQuery = { limit: number; status?: RequestStatus; search?: string; id?: string };

/** A request number names its ids; anything else is words, each found in the item's or application's name. */
function searchFilter(search: string | undefined): Prisma.AccessRequestWhereInput[] {
  const text = (search ?? '').trim();
  if (!text) return [];
  const range = parseRequestNumber(text);
  const words = text.split(/\s+/).slice(0, 8);
  const byName = words.map((w) => ({
    OR: [
      { entitlement: { name: { contains: w, mode: 'insensitive' as const } } },
      { entitlement: { application: { name: { contains: w, mode: 'insensitive' as const } } } },
      { role: { name: { contains: w, mode: 'insensitive' as const } } },
    ],
  }));
  return [range ? { OR: [{ id: range }, { AND: byName }] } : { AND: byName }];
}

/**
 * The actor's requests (made by them or for them), each with its approval steps, provisioning
 * state and a timeline: submitted, decided by whom, provisioned, retrying or failed and why.
 */
export async function listMyRequests(db: TDb, actor: TUserActor, options: TMyRequestsQuery) {
  const requests = await db.accessRequest.findMany({
    where: {
      OR: [{ requesterId: actor.identityId }, { beneficiaryId: actor.identityId }],
      ...(options.status ? { status: options.status } : {}),
      ...(options.id ? { id: options.id } : {}),
      AND: searchFilter(options.search),
    },
    orderBy: { createdAt: 'desc' },
    take: options.limit,
    select: {
      id: true,
      kind: true,
      batchId: true,
      status: true,
      autoApprovedBy: true,
      agentTokenId: true,
      sodEvaluation: true,
      justification: true,
      requestedEndsAt: true,
      approvedEndsAt: true,
      createdAt: true,
      decidedAt: true,
      requester: { select: { id: true, displayName: true } },
      beneficiary: { select: { id: true, displayName: true } },
      entitlement: { select: { id: true, name: true, risk: true, application: { select: { name: true } } } },
      role: { select: { id: true, name: true, ...ROLE_RISK_SELECT } },
      grant: { select: { status: true, revokedAt: true, revokeReason: true, revokedById: true } },
      stages: {
        orderBy: { position: 'asc' },
        select: { name: true, position: true, status: true, mode: true, quorum: true, kind: true },
      },
      steps: {
        orderBy: { createdAt: 'asc' },
        select: {
          id: true,
          status: true,
          comment: true,
          decidedAt: true,
          reason: true,
          escalatedFromId: true,
          stage: { select: { name: true, status: true, position: true } },
          approver: { select: { displayName: true } },
          decidedBy: { select: { displayName: true } },
        },
      },
    },
  });
  const ops = await db.provisioningOperation.findMany({
    where: { causeRef: { in: requests.map((r) => `request:${r.id}`) } },
    orderBy: { sequence: 'asc' },
    select: {
      causeRef: true,
      kind: true,
      status: true,
      lastError: true,
      attempts: true,
      createdAt: true,
      finishedAt: true,
      entitlement: { select: { name: true } },
      application: { select: { name: true } },
    },
  });
  const revokerIds = [
    ...new Set(requests.flatMap((r) => (r.grant?.revokedById ? [r.grant.revokedById] : []))),
  ];
  const revokers = new Map(
    (revokerIds.length
      ? await db.identity.findMany({
          where: { id: { in: revokerIds } },
          select: { id: true, displayName: true },
        })
      : []
    ).map((p) => [p.id, p.displayName]),
  );
  const ruleIds = [...new Set(requests.flatMap((r) => (r.autoApprovedBy ? [r.autoApprovedBy] : [])))];
  const rules = ruleIds.length
    ? await db.autoApprovalRule.findMany({ where: { id: { in: ruleIds } }, select: { id: true, name: true } })
    : [];
  return requests.map(({ sodEvaluation, stages, agentTokenId, grant, role, ...r }) => {
    const ended = accessEnded(grant, grant?.revokedById ? (revokers.get(grant.revokedById) ?? null) : null);
    const mine = ops
      .filter((o) => o.causeRef === `request:${r.id}`)
      .map((o) => ({
        ...o,
        entitlementName: o.entitlement?.name ?? null,
        applicationName: o.application.name,
      }));
    const autoRuleName = r.autoApprovedBy
      ? (rules.find((x) => x.id === r.autoApprovedBy)?.name ?? 'auto-approval')
      : null;
    const timeline = requestTimeline(r, { stageCount: stages.length, autoRuleName, ops: mine, ended });
    return {
      ...r,
      // A role shows the risk it is approved at (docs/decisions/112).
      role: role && { id: role.id, name: role.name, risk: roleRisk(role) },
      /** An AI agent submitted it with the person's token (docs/decisions/071). */
      viaAgent: agentTokenId !== null,
      /** Someone else's access the actor asked for: the page names them ("for Greta"), comparing no ids. */
      forSomeoneElse: r.beneficiary.id !== actor.identityId,
      /** The actor's own access, asked for by someone else (their manager): the page names them ("asked by Mark"). */
      askedBySomeoneElse: r.beneficiary.id === actor.identityId && r.requester.id !== actor.identityId,
      /** cancelAccessRequest's rule, asked here so the page compares no ids. */
      canCancel: cancelRefusal(actor, { requesterId: r.requester.id, status: r.status }) === null,
      provisioning:
        r.status === 'APPROVED' ? summariseProvisioning(mine) : { state: 'none' as const, reason: null },
      /** The access the request granted has ended (revoked or expired); its provisioning state is history. */
      accessEnded: ended,
      pendingWith:
        r.status === 'PENDING'
          ? r.steps
              .filter((s) => s.status === 'PENDING' && s.stage.status === 'PENDING')
              .map((s) => s.approver.displayName)
          : [],
      chain: stages.map((st) => {
        const steps = r.steps.filter((s) => s.stage.position === st.position);
        const p = computeStageOutcome(st, steps);
        return {
          name: st.name,
          status: st.status,
          kind: st.kind,
          approvals: p.approvals,
          required: p.required,
        };
      }),
      autoApprovedBy: r.autoApprovedBy
        ? (rules.find((x) => x.id === r.autoApprovedBy)?.name ?? 'auto-approval rule')
        : null,
      sod: (fromStoredSodCheck(sodEvaluation)?.conflicts ?? []).map((c) => ({
        ruleName: c.ruleName,
        status: c.status,
        explanation: c.explanation,
      })),
      timeline,
    };
  });
}
