import type { TUserActor } from '@/server/auth/actor.ts';
import { hasPermission } from '@/server/auth/permissions.ts';
import type { TDb } from '@/server/db/client.ts';
import { roleRisk, ROLE_RISK_SELECT } from '@/server/lib/role-risk-query.ts';
import {
  checkSodForMany,
  fromStoredSodCheck,
  type TSodConflictSummary,
  type TSodRef,
} from '@/server/modules/sod/index.ts';
import { delegatorsOf } from './active-delegations.ts';
import { findInboxFacets, findInboxPage, type TInboxQuery } from './approval-inbox-query.ts';
import { loadApprovalInsights } from './approval-insights.ts';
import { computeStageOutcome } from './stage-outcome.ts';

export type TInboxOptions = Omit<TInboxQuery, 'limit'> & { limit?: number };

/** The steps of listApprovalInbox's first page (tests and callers that want only the list). */
export async function listMyApprovals(
  db: TDb,
  actor: TUserActor,
  options: TInboxOptions,
  deps: { now?: Date } = {},
) {
  return (await listApprovalInbox(db, actor, options, deps)).items;
}

/** The choices of the inbox's filters: the applications and people of the actor's whole queue. */
export async function listApprovalFacets(
  db: TDb,
  actor: TUserActor,
  status: TInboxQuery['status'],
  deps: { now?: Date } = {},
) {
  const onBehalfOf =
    status === 'PENDING' ? await delegatorsOf(db, actor.identityId, deps.now ?? new Date()) : [];
  return findInboxFacets(db, actor.identityId, onBehalfOf, status);
}

/**
 * Steps waiting for the actor's decision (their own, and those of people they stand in for today),
 * or the ones they decided, filtered, searched and sorted a page at a time, with what a decision
 * needs: the whole chain and where it stands, the stage's progress (2 of 3...), segregation-of-duties
 * conflicts evaluated now, what the actor may do about them, and the context of the request (what
 * the person holds, who in their team holds it, how often it is approved).
 */
export async function listApprovalInbox(
  db: TDb,
  actor: TUserActor,
  options: TInboxOptions,
  deps: { now?: Date } = {},
) {
  const now = deps.now ?? new Date();
  const onBehalfOf = options.status === 'PENDING' ? await delegatorsOf(db, actor.identityId, now) : [];
  const page = await findInboxPage(db, actor.identityId, onBehalfOf, {
    ...options,
    limit: Math.min(Math.max(options.limit ?? 25, 1), 100),
  });
  const found = await db.approvalStep.findMany({
    where: { id: { in: page.ids } },
    select: {
      id: true,
      status: true,
      reason: true,
      comment: true,
      decidedAt: true,
      createdAt: true,
      escalatedFromId: true,
      approver: { select: { id: true, displayName: true } },
      stage: {
        select: { id: true, name: true, position: true, mode: true, quorum: true, kind: true, dueAt: true },
      },
      request: {
        select: {
          id: true,
          kind: true,
          justification: true,
          requestedEndsAt: true,
          approvedEndsAt: true,
          createdAt: true,
          status: true,
          sodEvaluation: true,
          agentTokenId: true,
          beneficiaryId: true,
          entitlementId: true,
          roleId: true,
          grantId: true,
          grant: { select: { endsAt: true } },
          requester: { select: { id: true, displayName: true } },
          beneficiary: { select: { id: true, displayName: true, title: true, department: true } },
          entitlement: {
            select: {
              id: true,
              name: true,
              description: true,
              risk: true,
              application: { select: { id: true, name: true } },
            },
          },
          role: { select: { id: true, name: true, description: true, ...ROLE_RISK_SELECT } },
          stages: {
            orderBy: { position: 'asc' },
            select: {
              id: true,
              name: true,
              position: true,
              status: true,
              mode: true,
              quorum: true,
              kind: true,
              steps: {
                orderBy: { createdAt: 'asc' },
                select: {
                  id: true,
                  status: true,
                  reason: true,
                  escalatedFromId: true,
                  approver: { select: { displayName: true } },
                  decidedBy: { select: { displayName: true } },
                },
              },
            },
          },
        },
      },
    },
  });
  const order = new Map(page.ids.map((id, i) => [id, i]));
  const steps = found.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  const insights = await loadApprovalInsights(
    db,
    steps.map(({ request: r }) => ({
      requestId: r.id,
      beneficiaryId: r.beneficiaryId,
      entitlementId: r.entitlementId,
      roleId: r.roleId,
      applicationId: r.entitlement?.application.id ?? null,
    })),
    now,
  );
  const current =
    options.status === 'PENDING'
      ? await currentSod(
          db,
          steps.map((s) => s.request),
          now,
        )
      : null;
  const items = steps.map((step, i) => {
    const {
      stages,
      sodEvaluation,
      agentTokenId,
      beneficiaryId: _b,
      entitlementId: _e,
      roleId: _r,
      grantId: _g,
      grant,
      role,
      ...request
    } = step.request;
    const sod = current ? current[i]! : (fromStoredSodCheck(sodEvaluation)?.conflicts ?? []);
    return {
      ...step,
      onBehalfOf: step.approver.id === actor.identityId ? null : step.approver,
      request: {
        ...request,
        // A role shows the risk it is approved at (docs/decisions/112).
        role: role && { id: role.id, name: role.name, description: role.description, risk: roleRisk(role) },
        currentEndsAt: request.kind === 'EXTEND' ? (grant?.endsAt ?? null) : null,
        /** An AI agent submitted it for the requester (docs/decisions/071). */
        viaAgent: agentTokenId !== null,
        chain: stages.map((s) => ({
          name: s.name,
          position: s.position,
          status: s.status,
          kind: s.kind,
          progress: computeStageOutcome(
            s,
            s.steps.map((x) => ({ ...x, status: x.status })),
          ),
          approvers: s.steps.map((x) => ({
            displayName: x.approver.displayName,
            status: x.status,
            reason: x.reason,
            decidedBy: x.decidedBy?.displayName ?? null,
          })),
        })),
        sod,
        insight: insights.get(step.request.id)!,
      },
      canMitigate: hasPermission(actor, 'sod.mitigate'),
    };
  });
  return { items, next: page.next };
}

type TSodAsked = {
  kind: 'GRANT' | 'EXTEND';
  beneficiaryId: string;
  entitlementId: string | null;
  roleId: string | null;
  grantId: string | null;
};

/** The conflicts each pending request takes part in now: one batched check for the whole page. */
async function currentSod(
  db: TDb,
  requests: readonly TSodAsked[],
  now: Date,
): Promise<TSodConflictSummary[][]> {
  const refOf = (r: TSodAsked): TSodRef =>
    r.entitlementId ? { kind: 'ENTITLEMENT', id: r.entitlementId } : { kind: 'ROLE', id: r.roleId! };
  const checks = await checkSodForMany(
    db,
    requests.map((r) => ({ identityId: r.beneficiaryId, requested: r.kind === 'GRANT' ? [refOf(r)] : [] })),
    { now },
  );
  return requests.map((r, i) =>
    checks[i]!.summary.conflicts.filter((c) =>
      r.kind === 'GRANT' ? c.isNew : !!r.grantId && c.grantIds.includes(r.grantId),
    ),
  );
}
