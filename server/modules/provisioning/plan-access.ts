import { insertRows } from '@/server/db/bulk-insert.ts';
import type { Prisma } from '@/server/db/client.ts';
import { recordAuditEvents } from '@/server/modules/audit/index.ts';
import {
  diffAccess,
  type TAccessChange,
  type TAttributes,
  computeDesiredAccess,
} from '@/server/modules/policy/index.ts';
import { chunk } from '@/server/lib/chunk.ts';
import { runSodScan } from '@/server/modules/sod/index.ts';
import { concurrencyTier } from '@/server/queue/job-specs.ts';
import { PROVISIONING_PRIORITY, provisioningJobId } from '@/server/queue/provisioning-priority.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { nameAccount, nameLimit, pickUsername, type TAccountRules } from './account-naming.ts';
import { renderMapping } from './attribute-mapping.ts';
import { loadPlanningFacts, type TPlanningFacts } from './planning-facts.ts';
import { applicationMapping } from './application-mapping.ts';
import { markHeldAccess, type THeldPair } from './held-access.ts';
import { targetLimits } from './target-limits.ts';
import {
  planReason,
  planRows,
  type TAccountUpdate,
  type TPlanCause,
  type TPlannedOperation,
  type TPlanRows,
  type TReservedName,
} from './plan-rows.ts';

export type { TPlanCause, TPlannedOperation } from './plan-rows.ts';

export type TPlanDeps = { queue: TJobQueue; now?: Date; prehireLeadDays?: number };

/** Up to this many people a plan checks their SoD violations itself; more go to a `sod.refresh` job. */
export const SOD_INLINE_PEOPLE = 50;
const SOD_REFRESH_CHUNK = 2_500;

/**
 * The one path from "what people should hold" to provisioning: recompute the desired access of
 * these people, diff it against what Gatehouse has committed the targets to hold, record the new
 * commitments and enqueue the operations (one job per account), all in the caller's transaction. Every change
 * of access (approval, give-up, expiry, leaver, birthright, reconciliation) calls this.
 * Identities are locked in id order, so concurrent plans for overlapping people serialise.
 * Their SoD violations are brought up to date too, by the scan's own check for just these people: a
 * violation opens with the grant that causes it and is resolved with the one whose end removes it,
 * instead of waiting for the nightly scan (in this transaction for a few people, by a job for a batch);
 * only for the people whose access changed when the caller says who they are (cause.accessChangedFor).
 */
export async function planAccess(
  tx: Prisma.TransactionClient,
  identityIds: readonly string[],
  cause: TPlanCause,
  deps: TPlanDeps,
): Promise<TPlannedOperation[]> {
  const ids = [...new Set(identityIds)].sort();
  if (ids.length === 0) return [];
  await tx.$queryRaw`SELECT id FROM "Identity" WHERE id = ANY(${ids}::uuid[]) ORDER BY id FOR UPDATE`;
  const now = deps.now ?? new Date();
  // Violations follow what people hold: a few people (a grant, a revocation, an approval) are checked
  // here, so the violation opens or resolves with the change; a batch (an HR sync, a re-plan) is
  // checked by a job enqueued in this transaction, seconds later, so a bulk plan does not pay the scan.
  // People whose grants did not change (an attribute edit, an application's new mapping) are skipped.
  const changed = cause.accessChangedFor ? new Set(cause.accessChangedFor) : null;
  const checked = changed ? ids.filter((id) => changed.has(id)) : ids;
  if (checked.length > SOD_INLINE_PEOPLE)
    await deps.queue.enqueue(
      tx,
      'sod.refresh',
      chunk(checked, SOD_REFRESH_CHUNK).map((identityIds) => ({ payload: { identityIds } })),
    );
  else if (checked.length > 0)
    await runSodScan(tx, { identityIds: checked, now, actor: cause.actor, queue: deps.queue });
  const facts = await loadPlanningFacts(tx, ids);

  const changesByIdentity = new Map<string, TAccessChange[]>();
  const held: THeldPair[] = [];
  for (const identity of facts.identities) {
    const grants = facts.grantsByIdentity.get(identity.id) ?? [];
    const desired = computeDesiredAccess(identity, grants, facts.catalog, {
      now,
      prehireLeadDays: deps.prehireLeadDays ?? 7,
    });
    const attributes = new Map<string, TAttributes>();
    for (const applicationId of desired.keys()) {
      const app = facts.applications.get(applicationId);
      if (app) attributes.set(applicationId, renderMapping(applicationMapping(app), identity));
    }
    const planned = facts.accountsByIdentity.get(identity.id) ?? [];
    const all = diffAccess(desired, planned, facts.applications, attributes).changes;
    const changes = all.filter((c) => facts.applications.get(c.applicationId)?.enabled);
    if (changes.length) changesByIdentity.set(identity.id, changes);
    // A disabled application's changes wait for the re-plan that enabling it starts; the mark says so.
    for (const applicationId of new Set(all.map((c) => c.applicationId)))
      if (!facts.applications.get(applicationId)?.enabled)
        held.push({ identityId: identity.id, applicationId });
  }
  await markHeldAccess(tx, ids, held, now);
  if (changesByIdentity.size === 0) return [];
  return materialise(tx, facts, changesByIdentity, cause, deps);
}

/**
 * The plan's changes become rows and jobs, in stages: reserve the new accounts' usernames, work out
 * every row (no database), write the accounts, then the memberships, then the operations and their
 * jobs, and audit each person's plan. The statements and their order are fixed: one per table and
 * kind of write, whatever the number of people.
 */
async function materialise(
  tx: Prisma.TransactionClient,
  facts: TPlanningFacts,
  changesByIdentity: Map<string, TAccessChange[]>,
  cause: TPlanCause,
  deps: TPlanDeps,
): Promise<TPlannedOperation[]> {
  const usernames = await reserveUsernames(tx, facts, changesByIdentity);
  const rows = planRows(facts, changesByIdentity, usernames, cause);
  const at = new Date();
  await writeAccounts(tx, rows, at);
  await writeMemberships(tx, rows, at);
  await enqueueOperations(tx, facts, rows, deps);
  await auditPlans(tx, changesByIdentity, rows.planned, cause);
  return rows.planned;
}

async function writeAccounts(tx: Prisma.TransactionClient, rows: TPlanRows, at: Date) {
  await insertRows(
    tx,
    'Account',
    rows.accountsToCreate.map((a) => ({ ...a, updatedAt: at })),
  );
  await updateAccounts(tx, rows.accountUpdates, at);
}

/** New memberships are inserted; existing ones are set ADDING or REMOVING, one statement per entitlement. */
async function writeMemberships(tx: Prisma.TransactionClient, rows: TPlanRows, at: Date) {
  await insertRows(
    tx,
    'AccountEntitlement',
    rows.membershipsToCreate.map((m) => ({
      accountId: m.accountId,
      entitlementId: m.entitlementId,
      status: 'ADDING' as const,
      updatedAt: at,
    })),
  );
  for (const [status, memberships] of [
    ['ADDING', rows.membershipsToReAdd],
    ['REMOVING', rows.membershipsToRemove],
  ] as const) {
    for (const [entitlementId, accountIds] of groupBy(
      memberships,
      (r) => r.entitlementId,
      (r) => r.accountId,
    )) {
      await tx.accountEntitlement.updateMany({
        where: { entitlementId, accountId: { in: accountIds } },
        data: { status },
      });
    }
  }
}

/**
 * The operations, and one job per account carrying that account's operations in order (ids are
 * time-ordered, so the queue also breaks ties between this transaction's jobs in planning order).
 */
async function enqueueOperations(
  tx: Prisma.TransactionClient,
  facts: TPlanningFacts,
  rows: TPlanRows,
  deps: TPlanDeps,
) {
  const jobs = groupBy(
    rows.planned,
    (op) => op.accountId,
    (op) => op,
  );
  // Removals first, ahead of any backlog; each job still applies its account's earlier open
  // operations before its own, in sequence order (docs/decisions/046).
  const priorityOf = (accountId: string) =>
    rows.removingAccess.has(accountId) ? PROVISIONING_PRIORITY.removal : PROVISIONING_PRIORITY.other;
  const jobIdOf = new Map(
    [...jobs.keys()].map((accountId) => [accountId, provisioningJobId(priorityOf(accountId))]),
  );
  await insertRows(tx, 'ProvisioningOperation', rows.operations);
  await deps.queue.enqueue(
    tx,
    'provisioning.apply',
    [...jobs].map(([accountId, ops]) => ({
      id: jobIdOf.get(accountId)!,
      payload: { operationIds: ops.map((op) => op.id) },
      // FIFO per account across plans: this plan's work waits for the previous plan's.
      singletonKey: accountId,
      priority: priorityOf(accountId),
      group: {
        id: ops[0]!.applicationId,
        tier: concurrencyTier(facts.applications.get(ops[0]!.applicationId)!.concurrency),
      },
    })),
  );
}

/** One `access.planned` event per person: the plan's reason, its operations and the changes behind them. */
async function auditPlans(
  tx: Prisma.TransactionClient,
  changesByIdentity: Map<string, TAccessChange[]>,
  planned: readonly TPlannedOperation[],
  cause: TPlanCause,
) {
  const byIdentity = groupBy(
    planned,
    (p) => p.identityId,
    (p) => ({ id: p.id, kind: p.kind }),
  );
  await recordAuditEvents(
    tx,
    [...changesByIdentity].map(([identityId, changes]) => ({
      actor: cause.actor,
      action: 'access.planned',
      entityType: 'Identity',
      entityId: identityId,
      subjectId: identityId,
      metadata: {
        reason: planReason(cause, identityId),
        ref: cause.ref ?? null,
        operations: byIdentity.get(identityId) ?? [],
        changes: changes.map((c) => ({
          kind: c.kind,
          applicationId: c.applicationId,
          entitlementId: 'entitlementId' in c ? c.entitlementId : null,
        })),
      },
    })),
  );
}

/**
 * The accounts' new status and attributes in one statement (a mover batch changes thousands). Several
 * updates of one account in a plan are merged in order, later fields winning, as one-by-one would.
 */
async function updateAccounts(tx: Prisma.TransactionClient, updates: readonly TAccountUpdate[], at: Date) {
  if (updates.length === 0) return;
  const merged = new Map<
    string,
    { id: string; status?: unknown; attributes?: unknown; username?: unknown }
  >();
  for (const u of updates) merged.set(u.id, { ...merged.get(u.id), ...u.data, id: u.id });
  const rows = [...merged.values()].map((r) => ({
    id: r.id,
    status: r.status ?? null,
    attributes: r.attributes ?? null,
    username: r.username ?? null,
  }));
  await tx.$executeRaw`
    UPDATE "Account" AS a
       SET status = COALESCE(v.status::"AccountStatus", a.status), attributes = COALESCE(v.attributes, a.attributes),
           username = COALESCE(v.username, a.username), "updatedAt" = ${at}
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS v(id uuid, status text, attributes jsonb, username text)
     WHERE a.id = v.id`;
}

/**
 * Usernames for accounts about to be created, unique within each application. A person the naming
 * rule cannot name (nor its fallback) still gets a unique placeholder (their identity id) so the
 * account row exists, and the refusal, which fails that one create before it reaches the target.
 */
async function reserveUsernames(
  tx: Prisma.TransactionClient,
  facts: TPlanningFacts,
  changesByIdentity: Map<string, TAccessChange[]>,
): Promise<Map<string, TReservedName>> {
  const wanted: Array<{
    key: string;
    applicationId: string;
    base: string;
    maxLength?: number;
    refused?: string;
    fallback: string | null;
  }> = [];
  for (const [identityId, changes] of changesByIdentity) {
    for (const c of changes) {
      if (c.kind !== 'CREATE_ACCOUNT') continue;
      // An account keeps its name, except the placeholder of one the rule could not name (never
      // created): it is named afresh, so a later create never reaches the target as the identity id.
      if (
        (facts.accountsByIdentity.get(identityId) ?? []).some(
          (a) => a.applicationId === c.applicationId && a.username !== identityId,
        )
      )
        continue;
      const app = facts.applications.get(c.applicationId)!;
      const rules = (app.accountRules ?? {}) as TAccountRules;
      const targetMax = targetLimits(app.connectorType)?.username;
      const named = nameAccount(rules, facts.identitiesById.get(identityId)!, targetMax);
      wanted.push({
        key: `${identityId}:${c.applicationId}`,
        applicationId: c.applicationId,
        base: named.base ?? identityId,
        maxLength: nameLimit(rules, targetMax),
        refused: named.refused,
        fallback: named.fallback,
      });
    }
  }
  const result = new Map<string, TReservedName>();
  for (const [applicationId, items] of groupBy(
    wanted,
    (w) => w.applicationId,
    (w) => w,
  )) {
    const bases = [...new Set(items.map((i) => i.base))];
    // Every existing username that is one of the bases, or a base with a number appended. Numbered
    // names matter only where the base itself is taken: the common case stays an index lookup.
    const exact = await tx.$queryRaw<Array<{ username: string }>>`
      SELECT username FROM "Account" WHERE "applicationId" = ${applicationId}::uuid AND username = ANY(${bases}::text[])`;
    const clashing = exact.map((a) => a.username);
    const numbered = clashing.length
      ? await tx.$queryRaw<Array<{ username: string }>>`
          SELECT username FROM "Account" WHERE "applicationId" = ${applicationId}::uuid AND regexp_replace(username, '[0-9]+$', '') = ANY(${clashing}::text[])`
      : [];
    const taken = new Set([...exact, ...numbered].map((a) => a.username));
    for (const item of items) {
      const name = pickUsername(item.base, (c) => taken.has(c), item.maxLength);
      taken.add(name);
      result.set(item.key, { username: name, refused: item.refused, fallback: item.fallback });
    }
  }
  return result;
}

function groupBy<T, V>(rows: readonly T[], key: (r: T) => string, value: (r: T) => V): Map<string, V[]> {
  const out = new Map<string, V[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k) ?? [];
    list.push(value(r));
    out.set(k, list);
  }
  return out;
}
