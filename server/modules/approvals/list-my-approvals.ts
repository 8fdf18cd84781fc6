import type { TUserActor } from '@/server/auth/actor.ts';
import { hasPermission } from '@/server/auth/permissions.ts';
import type { TDb } from '@/server/db/client.ts';
import { checkSod, fromStoredSodCheck, type TSodConflictSummary } from '@/server/modules/sod/check-sod.ts';
import { delegatorsOf } from './active-delegations.ts';
import { computeStageOutcome } from './stage-outcome.ts';

/**
 * Steps waiting for the actor's decision (their own, and those of people they stand in for today),
 * or the ones they decided, with what a decision needs: the whole chain and where it stands, the
 * stage's progress (2 of 3...), segregation-of-duties conflicts evaluated now, and what the actor may
 * do about them.
 */
export async function listMyApprovals(db: TDb, actor: TUserActor, options: { status: 'PENDING' | 'DECIDED' }, deps: { now?: Date } = {}) {
  const now = deps.now ?? new Date();
  const onBehalfOf = options.status === 'PENDING' ? await delegatorsOf(db, actor.identityId, now) : [];
  const steps = await db.approvalStep.findMany({
    where:
      options.status === 'PENDING'
        ? { approverId: { in: [actor.identityId, ...onBehalfOf] }, status: 'PENDING', stage: { status: 'PENDING' }, request: { status: 'PENDING' } }
        : { decidedById: actor.identityId, status: { in: ['APPROVED', 'DENIED'] } },
    orderBy: { createdAt: 'desc' },
    take: options.status === 'PENDING' ? 50 : 100,
    select: {
      id: true,
      status: true,
      reason: true,
      comment: true,
      decidedAt: true,
      createdAt: true,
      escalatedFromId: true,
      approver: { select: { id: true, displayName: true } },
      stage: { select: { id: true, name: true, position: true, mode: true, quorum: true, kind: true, dueAt: true } },
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
          beneficiaryId: true,
          entitlementId: true,
          roleId: true,
          grantId: true,
          grant: { select: { endsAt: true } },
          requester: { select: { id: true, displayName: true } },
          beneficiary: { select: { id: true, displayName: true, title: true, department: true } },
          entitlement: { select: { id: true, name: true, description: true, risk: true, application: { select: { name: true } } } },
          role: { select: { id: true, name: true, description: true, risk: true } },
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
                select: { id: true, status: true, reason: true, escalatedFromId: true, approver: { select: { displayName: true } }, decidedBy: { select: { displayName: true } } },
              },
            },
          },
        },
      },
    },
  });
  return Promise.all(
    steps.map(async (step) => {
      const { stages, sodEvaluation, beneficiaryId, entitlementId, roleId, grantId, grant, ...request } = step.request;
      const sod = options.status === 'PENDING' ? await currentSod(db, { kind: request.kind, beneficiaryId, entitlementId, roleId, grantId }, now) : (fromStoredSodCheck(sodEvaluation)?.conflicts ?? []);
      return {
        ...step,
        onBehalfOf: step.approver.id === actor.identityId ? null : step.approver,
        request: {
          ...request,
          currentEndsAt: request.kind === 'EXTEND' ? (grant?.endsAt ?? null) : null,
          chain: stages.map((s) => ({
            name: s.name,
            position: s.position,
            status: s.status,
            kind: s.kind,
            progress: computeStageOutcome(s, s.steps.map((x) => ({ ...x, status: x.status }))),
            approvers: s.steps.map((x) => ({ displayName: x.approver.displayName, status: x.status, reason: x.reason, decidedBy: x.decidedBy?.displayName ?? null })),
          })),
          sod,
        },
        canMitigate: hasPermission(actor, 'sod.mitigate'),
      };
    }),
  );
}

async function currentSod(
  db: TDb,
  r: { kind: 'GRANT' | 'EXTEND'; beneficiaryId: string; entitlementId: string | null; roleId: string | null; grantId: string | null },
  now: Date,
): Promise<TSodConflictSummary[]> {
  const ref = r.entitlementId ? { kind: 'ENTITLEMENT' as const, id: r.entitlementId } : { kind: 'ROLE' as const, id: r.roleId! };
  const { summary } = await checkSod(db, r.beneficiaryId, r.kind === 'GRANT' ? [ref] : [], { now });
  return summary.conflicts.filter((c) => (r.kind === 'GRANT' ? c.isNew : !!r.grantId && c.grantIds.includes(r.grantId)));
}
