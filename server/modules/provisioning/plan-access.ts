import crypto from 'node:crypto';
import { uuid7 } from '@/server/lib/uuid7.ts';
import { insertRows } from '@/server/db/bulk-insert.ts';
import type { TBulkColumnOf, TBulkRow } from '@/server/db/bulk-columns.ts';
import type { TActor } from '@/server/auth/actor.ts';
import type { Prisma } from '@/server/db/client.ts';
import { recordAuditEvents } from '@/server/modules/audit/index.ts';
import {
  diffAccess,
  type TAccessChange,
  type TAttributes,
  computeDesiredAccess,
} from '@/server/modules/policy/index.ts';
import { concurrencyTier } from '@/server/queue/job-specs.ts';
import {
  PROVISIONING_PRIORITY,
  provisioningJobId,
  removesAccess,
} from '@/server/queue/provisioning-priority.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import type { OperationKind } from '@/prisma/generated/enums.ts';
import { nameAccount, nameLimit, pickUsername, type TAccountRules } from './account-naming.ts';
import { createAccountPayload } from './account-rules.ts';
import { renderMapping } from './attribute-mapping.ts';
import { loadPlanningFacts, type TPlanningFacts } from './planning-facts.ts';
import { applicationMapping } from './application-mapping.ts';
import { targetLimits } from './target-limits.ts';

export type TPlanCause = {
  /** REQUEST_APPROVED, ACCESS_RELINQUISHED, GRANT_EXPIRED, LEAVER, BIRTHRIGHT, RECONCILIATION ... */
  reason: string;
  actor: TActor;
  /** The record behind it, e.g. "request:<id>". */
  ref?: string;
};

export type TPlanDeps = { queue: TJobQueue; now?: Date; prehireLeadDays?: number };

export type TPlannedOperation = {
  id: string;
  kind: OperationKind;
  identityId: string;
  applicationId: string;
  accountId: string;
  entitlementId: string | null;
};

/**
 * The one path from "what people should hold" to provisioning: recompute the desired access of
 * these people, diff it against what Gatehouse has committed the targets to hold, record the new
 * commitments and enqueue the operations (one job per account), all in the caller's transaction. Every change
 * of access (approval, give-up, expiry, leaver, birthright, reconciliation) calls this.
 * Identities are locked in id order, so concurrent plans for overlapping people serialise.
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
  const facts = await loadPlanningFacts(tx, ids);

  const changesByIdentity = new Map<string, TAccessChange[]>();
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
    const changes = diffAccess(desired, planned, facts.applications, attributes).changes.filter(
      (c) => facts.applications.get(c.applicationId)?.enabled,
    );
    if (changes.length) changesByIdentity.set(identity.id, changes);
  }
  if (changesByIdentity.size === 0) return [];
  return materialise(tx, facts, changesByIdentity, cause, deps);
}

async function materialise(
  tx: Prisma.TransactionClient,
  facts: TPlanningFacts,
  changesByIdentity: Map<string, TAccessChange[]>,
  cause: TPlanCause,
  deps: TPlanDeps,
): Promise<TPlannedOperation[]> {
  const accountsToCreate: Array<
    TBulkRow<'Account', 'id' | 'applicationId' | 'identityId' | 'username' | 'status' | 'attributes'>
  > = [];
  const accountUpdates: Array<{ id: string; data: Prisma.AccountUpdateInput }> = [];
  const membershipsToCreate: Prisma.AccountEntitlementCreateManyInput[] = [];
  const membershipsToReAdd: Array<{ accountId: string; entitlementId: string }> = [];
  const membershipsToRemove: Array<{ accountId: string; entitlementId: string }> = [];
  const operations: Array<TBulkRow<'ProvisioningOperation', TBulkColumnOf<'ProvisioningOperation'>>> = [];
  const planned: TPlannedOperation[] = [];
  const removingAccess = new Set<string>();
  const usernames = await reserveUsernames(tx, facts, changesByIdentity);

  for (const [identityId, changes] of changesByIdentity) {
    const newAccountByApp = new Map<string, string>();
    for (const change of changes) {
      const entitlement =
        'entitlementId' in change ? facts.catalog.entitlements.get(change.entitlementId) : undefined;
      let accountId: string;
      let payload: Record<string, unknown> = {};
      switch (change.kind) {
        case 'CREATE_ACCOUNT': {
          const existing = (facts.accountsByIdentity.get(identityId) ?? []).find(
            (a) => a.applicationId === change.applicationId,
          );
          const named = usernames.get(`${identityId}:${change.applicationId}`);
          // A placeholder the rule still cannot name stays as it is; the create is refused again.
          const username = existing && (!named || named.refused) ? existing.username : named!.username;
          const status = change.enabled ? 'ACTIVE' : 'DISABLED';
          if (existing) {
            accountId = existing.id;
            accountUpdates.push({
              id: accountId,
              data: {
                status,
                attributes: change.attributes,
                ...(username !== existing.username ? { username } : {}),
              },
            });
          } else {
            accountId = crypto.randomUUID();
            accountsToCreate.push({
              id: accountId,
              applicationId: change.applicationId,
              identityId,
              username,
              status,
              attributes: change.attributes,
            });
          }
          newAccountByApp.set(change.applicationId, accountId);
          const app = facts.applications.get(change.applicationId)!;
          payload = {
            username,
            attributes: change.attributes,
            enabled: change.enabled,
            ...createAccountPayload(app, change.attributes, facts.identitiesById.get(identityId)!, named),
          };
          break;
        }
        case 'ENABLE_ACCOUNT':
          accountId = change.accountId;
          accountUpdates.push({ id: accountId, data: { status: 'ACTIVE', attributes: change.attributes } });
          payload = { attributes: change.attributes };
          break;
        case 'UPDATE_ACCOUNT': {
          accountId = change.accountId;
          const current = (facts.accountsByIdentity.get(identityId) ?? []).find((a) => a.id === accountId);
          accountUpdates.push({
            id: accountId,
            data: change.deprovision
              ? { status: 'DISABLED' }
              : { attributes: { ...(current?.attributes ?? {}), ...change.attributes } },
          });
          payload = { attributes: change.attributes, deprovision: change.deprovision };
          break;
        }
        case 'DISABLE_ACCOUNT':
          accountId = change.accountId;
          accountUpdates.push({ id: accountId, data: { status: 'DISABLED' } });
          payload = { deprovision: change.deprovision };
          break;
        case 'DELETE_ACCOUNT':
          accountId = change.accountId;
          accountUpdates.push({ id: accountId, data: { status: 'DELETED' } });
          break;
        case 'ADD_ENTITLEMENT': {
          accountId = change.accountId ?? newAccountByApp.get(change.applicationId)!;
          const current = (facts.accountsByIdentity.get(identityId) ?? [])
            .find((a) => a.id === accountId)
            ?.memberships.get(change.entitlementId);
          if (current) membershipsToReAdd.push({ accountId, entitlementId: change.entitlementId });
          else membershipsToCreate.push({ accountId, entitlementId: change.entitlementId, status: 'ADDING' });
          payload = { entitlement: entitlement?.externalId ?? null };
          break;
        }
        case 'REMOVE_ENTITLEMENT':
          accountId = change.accountId;
          membershipsToRemove.push({ accountId, entitlementId: change.entitlementId });
          payload = { entitlement: entitlement?.externalId ?? null };
          break;
      }
      if (removesAccess(change)) removingAccess.add(accountId);
      // Time-ordered ids: the queue breaks ties between jobs of one transaction by id.
      const id = uuid7();
      operations.push({
        id,
        applicationId: change.applicationId,
        accountId,
        identityId,
        entitlementId: 'entitlementId' in change ? change.entitlementId : null,
        kind: change.kind,
        payload: payload as Prisma.InputJsonValue,
        reason: cause.reason,
        causeRef: cause.ref ?? null,
      });
      planned.push({
        id,
        kind: change.kind,
        identityId,
        applicationId: change.applicationId,
        accountId,
        entitlementId: 'entitlementId' in change ? change.entitlementId : null,
      });
    }
  }

  const at = new Date();
  await insertRows(
    tx,
    'Account',
    accountsToCreate.map((a) => ({ ...a, updatedAt: at })),
  );
  await updateAccounts(tx, accountUpdates, at);
  await insertRows(
    tx,
    'AccountEntitlement',
    membershipsToCreate.map((m) => ({
      accountId: m.accountId,
      entitlementId: m.entitlementId,
      status: 'ADDING' as const,
      updatedAt: at,
    })),
  );
  for (const [status, rows] of [
    ['ADDING', membershipsToReAdd],
    ['REMOVING', membershipsToRemove],
  ] as const) {
    for (const [entitlementId, accountIds] of groupBy(
      rows,
      (r) => r.entitlementId,
      (r) => r.accountId,
    )) {
      await tx.accountEntitlement.updateMany({
        where: { entitlementId, accountId: { in: accountIds } },
        data: { status },
      });
    }
  }
  // One job per account carries that account's operations, in order (ids are time-ordered, so the
  // queue also breaks ties between this transaction's jobs in planning order).
  const jobs = groupBy(
    planned,
    (op) => op.accountId,
    (op) => op,
  );
  // Removals first, ahead of any backlog; each job still applies its account's earlier open
  // operations before its own, in sequence order (docs/decisions/046).
  const priorityOf = (accountId: string) =>
    removingAccess.has(accountId) ? PROVISIONING_PRIORITY.removal : PROVISIONING_PRIORITY.other;
  const jobIdOf = new Map(
    [...jobs.keys()].map((accountId) => [accountId, provisioningJobId(priorityOf(accountId))]),
  );
  await insertRows(tx, 'ProvisioningOperation', operations);
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
        reason: cause.reason,
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
  return planned;
}

/**
 * The accounts' new status and attributes in one statement (a mover batch changes thousands). Several
 * updates of one account in a plan are merged in order, later fields winning, as one-by-one would.
 */
async function updateAccounts(
  tx: Prisma.TransactionClient,
  updates: Array<{ id: string; data: Prisma.AccountUpdateInput }>,
  at: Date,
) {
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

type TReservedName = { username: string; refused?: string; fallback: string | null };

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
