import { Prisma } from '@/server/db/client.ts';
import { sendStatement } from '@/server/db/query-json.ts';
import { holdLocksSql, riskDefaultLockKey } from './hold-locks.ts';
import { lockInTransaction } from '@/server/db/advisory-lock.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { requestItemLockKey } from '@/server/lib/request-item-lock.ts';
import type { RiskLevel } from '@/prisma/generated/enums.ts';
import { readTogether, type TRead } from '@/server/db/read-together.ts';
import { chainFactsNow, requestItemsNow, type TRequestItem } from '@/server/modules/approvals/index.ts';
import { sodRulesReadNow } from '@/server/modules/sod/index.ts';
import { planApprovalChain, type TChainDrafts, type TChainQuestion } from './plan-approval-chain.ts';

/**
 * What a chain was drawn from and what it drew: the question (the item as the plan read it, the
 * beneficiary, the SoD check's answer) and the plan's chain (its policy, stages, auto-approval rule).
 */
export type TPlannedChain = { question: TChainQuestion; drawn: TChainDrafts };

/**
 * Holds what a submission (or an extension) planned with and says whether it is still as planned.
 * Call first in the transaction that writes the requests. Two statements (docs/decisions/116): the
 * locks, in the order every change below takes its own (docs/decisions/112, 115), then one read of all
 * that is compared, whose snapshot follows every lock wait:
 * 1. the locks: the shared request-item locks of the entitlements, roles and their applications
 *    (requestItemLockKey; an application's row is not locked: decision 115), then FOR KEY SHARE the
 *    entitlements (a role's bundle included), the people (below) and the roles, each in id order, then
 *    the risk default of each item attached to no policy, by a shared advisory lock per risk level
 *    (riskDefaultLockKey: a policy that becomes a risk's default, where there was none, has no row a
 *    submission could have locked), then the policies the chains were drawn from (attached, or the
 *    risks' defaults), FOR KEY SHARE;
 * 2. the re-read, compared with the plan: the items (loadRequestItems's read), on what decides the
 *    chain and the SoD check only; for a submission, the SoD rules its check weighed (sodRulesReadNow's,
 *    decision 115); the approvers' facts (loadChainFacts's: which policy decides each item and its
 *    stages, the managers, the teams' members, who can act, the auto-approval rules), from which each
 *    chain is drawn again: it must select the same policies and draw the same people as planned. The
 *    planned approvers' rows (with the requester's, the beneficiary's and the approvers' stand-ins') are
 *    held FOR KEY SHARE by the first statement, against a person stopping acting (decision 115);
 *    otherwise not locked: a manager, owner or team change after this read moves the steps of requests
 *    committed before its own look-up (followApproverChanges); a request committed after that look-up
 *    keeps the approvers this read found (the gap decision 112 keeps).
 *
 * The plan reads outside this transaction, without locks. A change that makes pending requests need
 * more takes these rows (or the risk's lock, or for saveEntitlement the entitlement's advisory lock
 * `request-item:<id>`) exclusively first (saveRole, saveEntitlement, lockItemsForChange,
 * lockPoliciesForChange), so it waits for the submission to commit, and then its
 * redraw (redrawPendingChains) sees the new request. A change that committed between the plan and the
 * hold shows in the re-reads: the caller plans again (plannedUntilHeld) rather than write a chain drawn
 * from what was. KEY SHARE, the lock the requests' own foreign keys take anyway: routine updates of
 * these rows (aggregation's lastSeenAt) pass it and neither wait for submissions nor deadlock with them.
 *
 * Returns the items as re-read (their names of now, for the texts the write sends), or null when
 * something changed since the plan. Every chain is for the same requester and beneficiary.
 */
export async function holdPlannedItems(
  tx: Prisma.TransactionClient,
  requesterId: string,
  planned: readonly TPlannedChain[],
  sodRulesRead?: string,
): Promise<ReadonlyMap<string, TRequestItem> | null> {
  const items = planned.map((p) => p.question.item);
  const beneficiaryId = planned[0]!.question.beneficiary.id;
  const approverIds = planned.flatMap((p) =>
    p.drawn.stages.flatMap((s) => s.approvers.map((a) => a.identityId)),
  );
  // Every lock first, in one statement (holdLocksSql: the order of docs/decisions/112 and 115). A
  // statement's snapshot predates its lock waits, so nothing read there is compared: the re-read
  // below is a statement of its own.
  await sendStatement(tx, holdLocksSql({ requesterId, beneficiaryId, items, approverIds }), {
    prepared: true,
  });
  // Everything compared, read again in one statement after every lock is held (its snapshot follows
  // the waits): the items (what decides the chain and the SoD check), for a submission the SoD rules
  // its check weighed (a rule saved before the hold plans again; one saved after waits for this
  // submission, and its scan finds what the request is granted: decision 115), and the approvers'
  // facts (loadChainFacts: the policies each item is decided by, the managers, the teams' members, who
  // can act, the auto-approval rules). The facts are read for the items as planned: an item whose
  // policy, risk or owners changed differs in sameChainFacts and plans again before they are used.
  const refs = items.map((i) => ({ kind: i.kind, id: i.id }));
  const [now, sodNow, facts] = await readTogether(tx, [
    requestItemsNow(refs),
    sodRulesRead === undefined ? NOTHING : sodRulesReadNow(refs),
    chainFactsNow({ requesterId, beneficiaryId: planned[0]!.question.beneficiary.id, items }),
  ] as const);
  if (!items.every((i) => sameChainFacts(now.get(i.id), i))) return null;
  if (sodRulesRead !== undefined && sodNow !== sodRulesRead) return null;
  // Which policy decides an item (attached, else its risk's default) and its stages, as the plan
  // selected them: a policy edited or a default set before the hold plans again.
  const samePolicies = planned.every(({ question: { item }, drawn: { policy } }) => {
    const selected = facts.policies.get(item.id);
    return (
      !!selected &&
      selected.policyId === policy.policyId &&
      JSON.stringify(selected.stages) === JSON.stringify(policy.stages)
    );
  });
  if (!samePolicies) return null;
  // Who approves: a manager moved, an owner's or a team member's status, a team's members changed
  // since the plan would otherwise leave a step with someone the chain no longer names: such a change
  // looked up the requests to move (followApproverChanges) before this one was written, so nothing
  // after the write moves it (decision 112).
  const sameDrawing = planned.every(
    (p) =>
      drawing(planApprovalChain(facts, { ...p.question, item: now.get(p.question.item.id)! })) ===
      drawing(p.drawn),
  );
  return sameDrawing ? now : null;
}

/** No read: an extension weighs no SoD rules. */
const NOTHING: TRead<undefined> = { parts: [], read: () => undefined };

/** What a chain asks of whom (the policy is compared above): its stages with their people, its rule. */
const drawing = (d: TChainDrafts) =>
  JSON.stringify([d.stages, d.autoRule?.id ?? null, d.problem?.code ?? null]);

/**
 * Whether an item re-read still draws the chain and gets the SoD check it was planned with: its kind,
 * effective risk and policy (which stages), its owner, the owner's department (an auto-approval rule
 * may ask for the same department) and its applications' owners (who approves), and the entitlements it
 * gives (what SoD weighs); and whether it may still be asked for as planned (requestable, its
 * application enabled, the longest end it allows: the plan's refusals, which nothing after the hold
 * checks again). Its name, description or a routine update does not make a submission plan again:
 * three such edits in a row refused it with CONFLICT.
 */
function sameChainFacts(now: TRequestItem | undefined, planned: TRequestItem): boolean {
  if (!now) return false;
  const facts = (i: TRequestItem) =>
    JSON.stringify([
      i.kind,
      i.requestable,
      i.isAvailable,
      i.maxDurationDays,
      i.risk,
      i.approvalPolicyId,
      i.ownerId,
      i.ownerDepartment,
      [...i.applicationOwnerIds].sort(),
      [...i.entitlementIds].sort(),
    ]);
  return facts(now) === facts(planned);
}

/**
 * Plans and writes (`attempt` returns null when the hold found a change since its plan, having written
 * nothing) until it writes: three plans at most, then CONFLICT ("submit again").
 */
export async function plannedUntilHeld<T>(attempt: () => Promise<T | null>): Promise<T> {
  for (let plans = 1; ; plans++) {
    const written = await attempt();
    if (written !== null) return written;
    if (plans === MAX_PLANS)
      throw new AppError(
        'CONFLICT',
        'What you asked for kept changing while it was submitted (its risk, policy, contents or approvers): submit again',
      );
  }
}

const MAX_PLANS = 3;

/**
 * Locks an entitlement about to be saved: its advisory lock exclusively (a submission holding it
 * commits first, and the save's redraw then finds its request), then its row FOR NO KEY UPDATE (saves
 * and aggregation's updates take turns; a transaction inserting a grant of it is not waited for).
 * After the application's lock, before the entitlement is read.
 */
export async function lockEntitlementForSave(tx: Prisma.TransactionClient, id: string): Promise<void> {
  await lockInTransaction(tx, requestItemLockKey(id), { wait: true });
  await tx.$queryRaw`SELECT id FROM "Entitlement" WHERE id = ${id}::uuid FOR NO KEY UPDATE`;
}

/**
 * Locks the entitlements and roles a change is about to make riskier or decide differently, FOR
 * UPDATE, entitlements then roles, each in id order (the order holdPlannedItems takes them, so the
 * two cannot deadlock): a submission holding one of them commits first, and the change's redraw then
 * finds its request. Pass the rows by id, or by the policy they are attached to.
 */
export async function lockItemsForChange(
  tx: Prisma.TransactionClient,
  items: { entitlementIds: readonly string[]; roleIds: readonly string[] } | { attachedTo: string },
): Promise<void> {
  if ('attachedTo' in items) {
    await tx.$queryRaw`SELECT id FROM "Entitlement" WHERE "approvalPolicyId" = ${items.attachedTo}::uuid ORDER BY id FOR UPDATE`;
    await tx.$queryRaw`SELECT id FROM "Role" WHERE "approvalPolicyId" = ${items.attachedTo}::uuid ORDER BY id FOR UPDATE`;
    return;
  }
  if (items.entitlementIds.length)
    await tx.$queryRaw`SELECT id FROM "Entitlement" WHERE id = ANY(${items.entitlementIds}::uuid[]) ORDER BY id FOR UPDATE`;
  if (items.roleIds.length)
    await tx.$queryRaw`SELECT id FROM "Role" WHERE id = ANY(${items.roleIds}::uuid[]) ORDER BY id FOR UPDATE`;
}

/**
 * Locks what a policy's save or deletion changes for the chains, before it reads or writes anything:
 * the risk it becomes the default for (exclusively: a submission that planned with that risk's old
 * default, or with none, commits first), then, FOR UPDATE in id order, the policy and the risk's
 * current default (whose default it takes). The order of holdPlannedItems (risk lock, then policies),
 * after the items a deletion locks first, so the two cannot deadlock.
 */
export async function lockPoliciesForChange(
  tx: Prisma.TransactionClient,
  change: { policyId: string | null; defaultForRisk: RiskLevel | null },
): Promise<void> {
  const risk = change.defaultForRisk;
  if (!change.policyId && !risk) return;
  if (risk) await lockInTransaction(tx, riskDefaultLockKey(risk), { wait: true });
  await tx.$queryRaw`
    SELECT id FROM "ApprovalPolicy"
     WHERE id = ${change.policyId}::uuid OR "defaultForRisk"::text = ${risk}::text
     ORDER BY id FOR UPDATE`;
}
