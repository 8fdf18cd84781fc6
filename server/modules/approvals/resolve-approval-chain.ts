import type { TApprovalPolicyStages, TApproverSpec } from './approval-policy-schema.ts';

export type TApproverReason =
  | 'MANAGER'
  | 'ENTITLEMENT_OWNER'
  | 'APPLICATION_OWNER'
  | 'TEAM'
  | 'PERSON'
  | 'SELF_REROUTE'
  | 'FALLBACK_ADMIN'
  | 'ESCALATION'
  | 'SOD_MITIGATOR';

export type TChainPerson = { id: string; managerId: string | null; isActive: boolean };
export type TChainTeam = { id: string; name: string; memberIds: readonly string[] };

/** Everything resolution needs, loaded beforehand (load-approval-context.ts): resolution is pure. */
export type TChainContext = {
  requesterId: string;
  beneficiaryId: string;
  /** Every person named below, and their managers up the chain. */
  people: ReadonlyMap<string, TChainPerson>;
  itemOwnerIds: readonly string[];
  applicationOwnerIds: readonly string[];
  teams: ReadonlyMap<string, TChainTeam>;
  /** Identity admins: they decide a stage nobody else can. */
  fallbackAdminIds: readonly string[];
};

export type TResolvedApprover = { identityId: string; reason: TApproverReason };

export type TResolvedStage = {
  position: number;
  name: string;
  mode: 'ANY' | 'ALL' | 'QUORUM';
  /** Approvals the stage needs: 1 for ANY, everyone for ALL, N for QUORUM. */
  required: number;
  approvers: TResolvedApprover[];
  slaHours: number | null;
  reminderHours: number | null;
  /**
   * The teams its TEAM approvers were drawn from, whether any member was asked or the stage fell back
   * to the identity admins: a team's member change follows the stages drawn from it (stored as
   * ApprovalStage.teamIds; docs/decisions/112, stop 39). A team that no longer exists is not named.
   */
  teamIds: string[];
};

export type TChainResolution =
  { ok: true; stages: TResolvedStage[] } | { ok: false; stage: string; reason: string };

const MAX_DEPTH = 20;

/**
 * Turns a policy's stages into named approvers for one request. Nobody approves a request they made
 * or one for themselves: such an approver is replaced by their own manager (SELF_REROUTE). An
 * inactive approver is replaced by their manager too; inactive team members are left out. A stage
 * nobody can decide, or a quorum larger than its approvers, is topped up with identity admins.
 */
export function resolveApprovalChain(stages: TApprovalPolicyStages, ctx: TChainContext): TChainResolution {
  const resolved: TResolvedStage[] = [];
  for (const [position, stage] of stages.entries()) {
    const approvers = new Map<string, TResolvedApprover>();
    const add = (a: TResolvedApprover | null) => {
      if (a && !approvers.has(a.identityId)) approvers.set(a.identityId, a);
    };
    for (const spec of stage.approvers) for (const a of resolveSpec(spec, ctx)) add(a);
    const teamIds = [
      ...new Set(
        stage.approvers.flatMap((spec) =>
          spec.type === 'TEAM' && ctx.teams.has(spec.teamKey) ? [ctx.teams.get(spec.teamKey)!.id] : [],
        ),
      ),
    ];

    const needed = stage.mode === 'QUORUM' ? stage.quorum : 1;
    if (approvers.size < needed) {
      for (const id of ctx.fallbackAdminIds)
        if (isEligible(id, ctx)) add({ identityId: id, reason: 'FALLBACK_ADMIN' });
    }
    if (approvers.size < needed) {
      return {
        ok: false,
        stage: stage.name,
        reason:
          approvers.size === 0
            ? 'nobody can approve it'
            : `it needs ${needed} approvers and only ${approvers.size} can approve`,
      };
    }
    const list = [...approvers.values()];
    resolved.push({
      position,
      name: stage.name,
      mode: stage.mode,
      required: stage.mode === 'ALL' ? list.length : needed,
      approvers: list,
      slaHours: stage.slaHours ?? null,
      reminderHours: stage.reminderHours ?? null,
      teamIds,
    });
  }
  return { ok: true, stages: resolved };
}

function resolveSpec(spec: TApproverSpec, ctx: TChainContext): Array<TResolvedApprover | null> {
  switch (spec.type) {
    case 'MANAGER':
      return [climb(ctx.people.get(ctx.beneficiaryId)?.managerId ?? null, 'MANAGER', ctx)];
    case 'REQUESTER_MANAGER':
      return [climb(ctx.people.get(ctx.requesterId)?.managerId ?? null, 'MANAGER', ctx)];
    case 'ENTITLEMENT_OWNER':
      return ctx.itemOwnerIds.map((id) => climb(id, 'ENTITLEMENT_OWNER', ctx));
    case 'APPLICATION_OWNER':
      return ctx.applicationOwnerIds.map((id) => climb(id, 'APPLICATION_OWNER', ctx));
    case 'PEOPLE':
      return spec.identityIds.map((id) => climb(id, 'PERSON', ctx));
    case 'TEAM': {
      const team = ctx.teams.get(spec.teamKey);
      if (!team) return [];
      return team.memberIds.map((id) => {
        if (isExcluded(id, ctx)) return climb(id, 'TEAM', ctx);
        // An inactive member is simply not asked: the rest of the team decides.
        return ctx.people.get(id)?.isActive ? { identityId: id, reason: 'TEAM' as const } : null;
      });
    }
  }
}

const isExcluded = (id: string, ctx: TChainContext) => id === ctx.requesterId || id === ctx.beneficiaryId;
const isEligible = (id: string, ctx: TChainContext) =>
  !isExcluded(id, ctx) && ctx.people.get(id)?.isActive === true;

/** The first eligible person from `startId` up the management chain. */
function climb(
  startId: string | null,
  reason: TApproverReason,
  ctx: TChainContext,
): TResolvedApprover | null {
  let id = startId;
  let rerouted = false;
  const seen = new Set<string>();
  for (let depth = 0; id && depth < MAX_DEPTH && !seen.has(id); depth++) {
    seen.add(id);
    const person = ctx.people.get(id);
    if (!person) return null;
    if (isExcluded(id, ctx)) rerouted = true;
    else if (person.isActive) return { identityId: id, reason: rerouted ? 'SELF_REROUTE' : reason };
    id = person.managerId;
  }
  return null;
}
