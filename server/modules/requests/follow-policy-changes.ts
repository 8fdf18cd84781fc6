import type { TUserActor } from '@/server/auth/actor.ts';
import { inTransaction, type Prisma, type TDb } from '@/server/db/client.ts';
import { roleRiskSql } from '@/server/lib/role-risk-query.ts';
import {
  attachApprovalPolicy,
  deleteApprovalPolicy,
  redrawPendingChains,
  saveApprovalPolicy,
  type TItemRef,
  type TPolicyInput,
} from '@/server/modules/approvals/index.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import type { RiskLevel } from '@/prisma/generated/enums.ts';
import { lockItemsForChange, lockPoliciesForChange } from './hold-planned-items.ts';

/*
 * A change to approval policies, and the pending requests it covers drawn again, in one transaction
 * (docs/decisions/112). Approvals owns the policies but sits below requests, so it cannot redraw;
 * these use cases, one level up, do both: the procedures call them instead of approvals' own.
 * A redraw only adds: a request keeps every stage it has and gains those the policy now asks for.
 */

type TDeps = { queue: TJobQueue; now?: Date };

/** Attaches (or detaches) a policy; the pending requests for those entitlements and roles follow. */
export async function attachApprovalPolicyAndRedraw(
  db: TDb,
  actor: TUserActor,
  input: Parameters<typeof attachApprovalPolicy>[2],
  deps: TDeps,
) {
  return inTransaction(db, async (tx) => {
    await lockItemsForChange(tx, {
      entitlementIds: input.targets.filter((t) => t.kind === 'ENTITLEMENT').map((t) => t.id),
      roleIds: input.targets.filter((t) => t.kind === 'ROLE').map((t) => t.id),
    });
    const result = await attachApprovalPolicy(tx, actor, input);
    await redraw(tx, actor, input.targets, deps);
    return result;
  });
}

/**
 * Saves a policy; when its stages or its risk default changed, the pending requests it decides,
 * attached or as a risk default, before or after, follow (a new name or SLA draws nothing again).
 */
export async function saveApprovalPolicyAndRedraw(
  db: TDb,
  actor: TUserActor,
  input: TPolicyInput,
  deps: TDeps,
) {
  return inTransaction(db, async (tx) => {
    // Before anything is read: a submission that planned with this policy, or with the old default of
    // the risk it becomes the default for, commits first, and the redraw below finds its request.
    await lockPoliciesForChange(tx, { policyId: input.id ?? null, defaultForRisk: input.defaultForRisk });
    const before = input.id
      ? await tx.approvalPolicy.findUnique({
          where: { id: input.id },
          select: { defaultForRisk: true, stages: true },
        })
      : null;
    const result = await saveApprovalPolicy(tx, actor, input);
    const after = await tx.approvalPolicy.findUniqueOrThrow({
      where: { id: result.id },
      select: { defaultForRisk: true, stages: true },
    });
    if (before && JSON.stringify(before) === JSON.stringify(after)) return result;
    const risks = [before?.defaultForRisk, input.defaultForRisk].filter((r): r is RiskLevel => !!r);
    await redraw(tx, actor, await pendingItemsDecidedBy(tx, result.id, risks), deps);
    return result;
  });
}

/** Deletes a policy: what it decided falls back to its risk default; those pending requests follow. */
export async function deleteApprovalPolicyAndRedraw(db: TDb, actor: TUserActor, id: string, deps: TDeps) {
  return inTransaction(db, async (tx) => {
    // What it decides is held first: a submission writing a request for one of them commits before
    // the read below, which then finds that request too.
    await lockItemsForChange(tx, { attachedTo: id });
    // And the policy: a submission drawn from it as its risk's default (of an item attached to nothing,
    // so not locked above) commits before the read below.
    await lockPoliciesForChange(tx, { policyId: id, defaultForRisk: null });
    const policy = await tx.approvalPolicy.findUnique({ where: { id }, select: { defaultForRisk: true } });
    // Read before it goes: afterwards nothing is attached to it.
    const covered = policy
      ? await pendingItemsDecidedBy(tx, id, policy.defaultForRisk ? [policy.defaultForRisk] : [])
      : [];
    const result = await deleteApprovalPolicy(tx, actor, id);
    await redraw(tx, actor, covered, deps);
    return result;
  });
}

const redraw = (tx: Prisma.TransactionClient, actor: TUserActor, items: readonly TItemRef[], deps: TDeps) =>
  items.length
    ? redrawPendingChains(tx, actor, items, {
        queue: deps.queue,
        now: deps.now ?? new Date(),
        cause: 'POLICY',
      })
    : Promise.resolve({ redrawn: [] });

/**
 * The items of pending requests this policy decides: attached to it, or attached to nothing and at a
 * risk it is (or was) the default for (a role at its effective risk, roleRiskSql).
 */
async function pendingItemsDecidedBy(
  tx: Prisma.TransactionClient,
  policyId: string,
  risks: RiskLevel[],
): Promise<TItemRef[]> {
  const rows = await tx.$queryRaw<TItemRef[]>`
    SELECT DISTINCT 'ENTITLEMENT' AS kind, e.id::text AS id
      FROM "AccessRequest" q JOIN "Entitlement" e ON e.id = q."entitlementId"
     WHERE q.status = 'PENDING'
       AND (e."approvalPolicyId" = ${policyId}::uuid
            OR (e."approvalPolicyId" IS NULL AND e.risk::text = ANY(${risks}::text[])))
    UNION
    SELECT DISTINCT 'ROLE' AS kind, r.id::text AS id
      FROM "AccessRequest" q JOIN "Role" r ON r.id = q."roleId"
     WHERE q.status = 'PENDING'
       AND (r."approvalPolicyId" = ${policyId}::uuid
            OR (r."approvalPolicyId" IS NULL AND ${roleRiskSql('r')}::text = ANY(${risks}::text[])))`;
  return rows;
}
