import type { TUserActor } from '@/server/auth/actor.ts';
import type { TDb } from '@/server/db/client.ts';
import type { TItemRef } from '@/server/modules/approvals/index.ts';
import { planRequest } from './plan-request.ts';
import { suggestRoles, type TRoleSuggestion } from './suggest-roles.ts';

/**
 * "What will happen" before submitting: for each item, who must approve (stage by stage, by name),
 * whether a rule approves it outright, what segregation of duties says and why, and what would stop
 * it; plus roles that already bundle what is asked for.
 */
export async function previewAccessRequest(
  db: TDb,
  actor: TUserActor,
  input: { items: TItemRef[]; beneficiaryId?: string; requestedEndsAt?: Date | null },
  deps: { now?: Date } = {},
) {
  const now = deps.now ?? new Date();
  const beneficiaryId = input.beneficiaryId ?? actor.identityId;
  const plan = await planRequest(db, {
    actor,
    beneficiaryId,
    refs: input.items,
    requestedEndsAt: input.requestedEndsAt ?? null,
    now,
  });
  const { beneficiary } = plan;
  const approverIds = [
    ...new Set(plan.items.flatMap((i) => i.stages.flatMap((s) => s.approvers.map((a) => a.identityId)))),
  ];
  const [people, teams, suggestions] = await Promise.all([
    db.identity.findMany({
      where: { id: { in: approverIds } },
      select: { id: true, displayName: true, title: true },
    }),
    db.team.findMany({
      where: { members: { some: { identityId: { in: approverIds } } } },
      select: { name: true, members: { select: { identityId: true } } },
    }),
    suggestRoles(db, {
      beneficiaryId: beneficiary.id,
      entitlementIds: plan.items.flatMap((i) => (i.item?.kind === 'ENTITLEMENT' ? [i.item.id] : [])),
      excludeRoleIds: plan.items.flatMap((i) => (i.item?.kind === 'ROLE' ? [i.item.id] : [])),
    }),
  ]);
  const byId = new Map(people.map((p) => [p.id, p]));
  const teamOf = (id: string) => teams.find((t) => t.members.some((m) => m.identityId === id))?.name ?? null;
  const items = plan.items.map((p) => ({
    kind: p.ref.kind,
    id: p.ref.id,
    name: p.item?.name ?? 'Unknown item',
    risk: p.item?.risk ?? ('LOW' as const),
    problems: p.problems.map((x) => ({ code: x.code, message: x.message })),
    policy: p.policy ? { name: p.policy.name, source: p.policy.source } : null,
    autoApproval: p.autoRule ? { ruleName: p.autoRule.name } : null,
    stages: p.autoRule
      ? []
      : p.stages.map((s) => ({
          name: s.name,
          kind: s.kind,
          mode: s.mode,
          required: s.required,
          approvers: s.approvers.map((a) => ({
            id: a.identityId,
            displayName: byId.get(a.identityId)?.displayName ?? 'Unknown',
            reason: a.reason,
            team: a.reason === 'TEAM' ? teamOf(a.identityId) : null,
          })),
        })),
    sod: p.sod.map((c) => ({
      ruleName: c.ruleName,
      severity: c.severity,
      status: c.status,
      explanation: c.explanation,
    })),
  }));
  return {
    beneficiary: { id: beneficiary.id, displayName: beneficiary.displayName },
    /** Whom the access is for when not the actor: the form's justification question names them. */
    forWhom: beneficiary.id === actor.identityId ? null : beneficiary.displayName,
    items,
    canSubmit: items.every((i) => i.problems.length === 0),
    isBlockedBySod: items.some((i) => i.sod.some((c) => c.status === 'BLOCKED')),
    needsMitigation: items.some((i) => i.sod.some((c) => c.status === 'NEEDS_MITIGATION')),
    suggestions: suggestions satisfies TRoleSuggestion[],
  };
}
