import crypto from 'node:crypto';
import { Prisma, type TDb } from '@/server/db/client.ts';
import { copyRows } from '@/server/db/copy-rows.ts';
import { queryArrays } from '@/server/db/query-arrays.ts';
import { uuid7 } from '@/server/lib/uuid7.ts';
import { ROWS_BETWEEN_YIELDS, yieldToEventLoop } from '@/server/lib/yield-to-event-loop.ts';
import type { TAttributes, TTargetAccount } from '@/server/connectors/sdk/connector.ts';
import { MembershipsByAccount } from './memberships-by-account.ts';

/*
 * What a target holds, written as reconciliation reads it (ObservedAccount, ObservedMembership;
 * docs/decisions/055). Every write is one statement per page: rows travel as one JSON document and
 * PostgreSQL takes it apart (as server/db/bulk-insert.ts does), upserting on the stable id, so a
 * run of 100,000 accounts is a few dozen statements, not 100,000.
 */

const iso = (d: Date) => d.toISOString();

/** Only the attributes reconciliation compares or correlates on are kept, under the names the mapping uses. */
export function keptAttributes(read: TAttributes, keep: ReadonlyMap<string, string>): TAttributes {
  const out: TAttributes = {};
  for (const [name, value] of Object.entries(read)) {
    const as = keep.get(name.toLowerCase());
    if (as !== undefined) out[as] = value;
  }
  return out;
}

/**
 * A digest of an account as read, attributes as kept: every field the connector gives (a field added
 * to TTargetAccount later is covered without a change here), object keys in a fixed order.
 */
export function readDigest(account: TTargetAccount & { attributes: TAttributes }): string {
  return crypto.hash('sha1', canonicalAccount(account) ?? canonical(account), 'base64url');
}

/**
 * canonical(account) for an account as connectors give it (top-level fields scalars, attribute values
 * strings, lists of strings or null), in one JSON.stringify: given a list of keys, it writes each
 * object's members in the list's order and leaves out undefined ones, so the sorted union of the
 * account's and its attributes' keys gives the same text. Null for any other shape (canonical's).
 * A full run digests every account it reads: this is a fifth of canonical's cost.
 */
function canonicalAccount(account: TTargetAccount & { attributes: TAttributes }): string | null {
  const keys = Object.keys(account);
  for (const key of keys) {
    const v = (account as Record<string, unknown>)[key];
    if (key !== 'attributes' && v !== null && typeof v === 'object') return null;
  }
  const attributes = account.attributes as Record<string, unknown>;
  for (const name in attributes) {
    if (!Object.hasOwn(attributes, name)) continue;
    const v = attributes[name];
    if (!(
      v === null ||
      v === undefined ||
      typeof v === 'string' ||
      (Array.isArray(v) && v.every((x) => typeof x === 'string'))
    ))
      return null;
    keys.push(name);
  }
  return JSON.stringify(account, [...new Set(keys)].sort());
}

// The digest's text, for any value: it must never change (a changed digest rewrites every account
// once): keys in code-unit order, undefined members left out. Written as loops.
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + canonical(value[i]);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  let out = '{';
  for (const key of Object.keys(record).sort()) {
    const v = record[key];
    if (v === undefined) continue;
    out += `${out.length > 1 ? ',' : ''}${JSON.stringify(key)}:${canonical(v)}`;
  }
  return `${out}}`;
}

/** What a whole read compares with: the application's observed accounts by stable id, as last written. */
export type TKnownAccount = { id: string; accountId: string | null; digest: string | null; gone: boolean };

// The preloads of a full run read a row per account and per open period (100,000 and 300,000) while
// the target is read: as arrays (queryArrays), not through Prisma's raw query mapping, which cost
// seconds a preload and blocked the event loop while it made the objects; and they yield to it now
// and then as they build their maps.
export async function knownObservedAccounts(
  db: TDb,
  applicationId: string,
): Promise<Map<string, TKnownAccount>> {
  const rows = (await queryArrays(
    db,
    Prisma.sql`SELECT "stableId", id::text AS id, "accountId"::text AS "accountId", "readDigest" AS digest, "goneAt" IS NOT NULL AS gone
                 FROM "ObservedAccount" WHERE "applicationId" = ${applicationId}::uuid`,
  )) as Array<[string, string, string | null, string | null, boolean]>;
  const known = new Map<string, TKnownAccount>();
  for (let i = 0; i < rows.length; i++) {
    if (i % ROWS_BETWEEN_YIELDS === ROWS_BETWEEN_YIELDS - 1) await yieldToEventLoop();
    const [stableId, id, accountId, digest, gone] = rows[i]!;
    known.set(stableId, { id, accountId, digest, gone });
  }
  return known;
}

/** Marks accounts a whole read did not find as gone (never deleted). */
export async function markAccountsGone(db: TDb, at: { now: Date }, ids: string[]): Promise<number> {
  let gone = 0;
  for (let i = 0; i < ids.length; i += 50_000) {
    gone += await db.$executeRaw`
      UPDATE "ObservedAccount" SET "goneAt" = ${iso(at.now)}::timestamp(3) WHERE id = ANY(${ids.slice(i, i + 50_000)}::uuid[]) AND "goneAt" IS NULL`;
  }
  return gone;
}

/**
 * Upserts a page of accounts by (application, stable id): a renamed entry keeps its row and gets its
 * new nativeId; one seen again after it was gone is back (goneAt cleared). `accountId` links a row
 * not linked yet to its planned Account; a link once made is kept. Answers id by nativeId.
 */
export async function upsertObservedAccounts(
  db: TDb,
  at: { applicationId: string; runId: string; now: Date },
  accounts: Array<TTargetAccount & { attributes: TAttributes; accountId: string | null; digest: string }>,
): Promise<Array<{ id: string; nativeId: string; stableId: string }>> {
  if (accounts.length === 0) return [];
  // The same entry twice in one statement is refused by ON CONFLICT; the last reading wins.
  const byStable = new Map(accounts.map((a) => [a.stableId, a]));
  const rows = [...byStable.values()].map((a) => [
    a.stableId,
    a.nativeId,
    a.username,
    a.enabled,
    a.attributes,
    a.modifiedAt,
    a.accountId,
    a.digest,
    a.lastUsedAt ?? null,
  ]);
  return db.$queryRawUnsafe(
    `INSERT INTO "ObservedAccount" ("id", "applicationId", "stableId", "nativeId", "username", "enabled", "attributes", "targetModifiedAt", "firstSeenAt", "lastSeenAt", "lastRunId", "accountId", "readDigest", "lastUsedAt")
     SELECT gen_random_uuid(), $2::uuid, r->>0, r->>1, r->>2, (r->>3)::boolean, r->4, (r->>5)::timestamp(3), $3::timestamp(3), $3::timestamp(3), $4::uuid, (r->>6)::uuid, r->>7, (r->>8)::timestamp(3)
       FROM jsonb_array_elements($1::jsonb) AS r
     ON CONFLICT ("applicationId", "stableId") DO UPDATE SET
       "nativeId" = EXCLUDED."nativeId", "username" = EXCLUDED."username", "enabled" = EXCLUDED."enabled",
       "attributes" = EXCLUDED."attributes", "targetModifiedAt" = EXCLUDED."targetModifiedAt", "readDigest" = EXCLUDED."readDigest",
       "lastSeenAt" = EXCLUDED."lastSeenAt", "lastRunId" = EXCLUDED."lastRunId", "goneAt" = NULL, "lastUsedAt" = EXCLUDED."lastUsedAt",
       "accountId" = COALESCE("ObservedAccount"."accountId", EXCLUDED."accountId")
     RETURNING "id"::text AS id, "nativeId" AS "nativeId", "stableId" AS "stableId"`,
    JSON.stringify(rows),
    at.applicationId,
    iso(at.now),
    at.runId,
  );
}

/**
 * Writes accounts a full read found for the first time (no row for their stable id before the read,
 * none written by it since): through COPY, with ids made here, as new periods are. A first run writes
 * 100,000: COPY took about a third less of the database's CPU than the upsert from a JSON document,
 * which also arbitrates conflicts that cannot arise here (docs/decisions/063, fourth pass). COPYed
 * rows' ids are time-ordered (uuid7), as the periods' are: each lands at the right edge of the
 * primary key's index instead of on a random page of it (090, tenth pass). A row that exists after
 * all fails the batch, and the run: the next run finds it and compares. Inside a transaction (no
 * pool for COPY) they are upserted, with the database's random ids. Answers ids as upsertObservedAccounts does.
 */
export async function insertObservedAccounts(
  db: TDb,
  at: { applicationId: string; runId: string; now: Date },
  accounts: Array<TTargetAccount & { attributes: TAttributes; accountId: string | null; digest: string }>,
): Promise<Array<{ id: string; nativeId: string; stableId: string }>> {
  const now = iso(at.now);
  const ids = accounts.map(() => uuid7());
  const rows = accounts.map((a, i) => [
    ids[i]!,
    at.applicationId,
    a.stableId,
    a.nativeId,
    a.username,
    a.enabled ? 't' : 'f',
    JSON.stringify(a.attributes),
    a.modifiedAt ?? null,
    now,
    now,
    at.runId,
    a.accountId,
    a.digest,
    a.lastUsedAt ?? null,
  ]);
  const copied = await copyRows(
    db,
    'ObservedAccount',
    [
      'id',
      'applicationId',
      'stableId',
      'nativeId',
      'username',
      'enabled',
      'attributes',
      'targetModifiedAt',
      'firstSeenAt',
      'lastSeenAt',
      'lastRunId',
      'accountId',
      'readDigest',
      'lastUsedAt',
    ],
    rows,
  );
  if (!copied) return upsertObservedAccounts(db, at, accounts);
  return accounts.map((a, i) => ({ id: ids[i]!, nativeId: a.nativeId, stableId: a.stableId }));
}

/** Opens a period for a membership seen for the first time, or touches the open one. */
export async function upsertObservedMemberships(
  db: TDb,
  at: { runId: string; now: Date },
  pairs: Array<{ observedAccountId: string; entitlementId: string }>,
): Promise<void> {
  const unique = [...new Map(pairs.map((p) => [`${p.observedAccountId}:${p.entitlementId}`, p])).values()];
  if (unique.length === 0) return;
  await db.$executeRawUnsafe(
    `INSERT INTO "ObservedMembership" ("id", "observedAccountId", "entitlementId", "firstSeenAt", "lastSeenAt", "lastRunId")
     SELECT gen_random_uuid(), (r->>0)::uuid, (r->>1)::uuid, $2::timestamp(3), $2::timestamp(3), $3::uuid
       FROM jsonb_array_elements($1::jsonb) AS r
     ON CONFLICT ("observedAccountId", "entitlementId") WHERE "endedAt" IS NULL DO UPDATE SET
       "lastSeenAt" = EXCLUDED."lastSeenAt", "lastRunId" = EXCLUDED."lastRunId"`,
    JSON.stringify(unique.map((p) => [p.observedAccountId, p.entitlementId])),
    iso(at.now),
    at.runId,
  );
}

/** What a partial run read whole, so that what it did not see there is gone (a full run settles by id). */
export type TReadCoverage =
  { kind: 'ENTITLEMENTS'; entitlementIds: string[] } | { kind: 'ACCOUNTS'; observedAccountIds: string[] };

/**
 * After a partial read: closes the open membership periods it covered and did not see (endedAt;
 * never deleted), and, for the accounts it read, marks those it did not find as gone. Partial reads
 * write every row they see (lastRunId), so "not seen" is "not written by this run".
 */
export async function closeUnseen(
  db: TDb,
  at: { applicationId: string; runId: string; now: Date },
  coverage: TReadCoverage,
): Promise<{ membershipsEnded: number; accountsGone: number }> {
  const scope =
    coverage.kind === 'ENTITLEMENTS'
      ? `AND m."entitlementId" = ANY($4::uuid[])`
      : `AND m."observedAccountId" = ANY($4::uuid[])`;
  const ids = coverage.kind === 'ENTITLEMENTS' ? coverage.entitlementIds : coverage.observedAccountIds;
  // A gone account holds nothing: its open periods are not seen either, so they end here too.
  const membershipsEnded = await db.$executeRawUnsafe(
    `UPDATE "ObservedMembership" m SET "endedAt" = $3::timestamp(3)
       FROM "ObservedAccount" o
      WHERE m."observedAccountId" = o.id AND o."applicationId" = $1::uuid AND m."endedAt" IS NULL
        AND m."lastRunId" IS DISTINCT FROM $2::uuid ${scope}`,
    at.applicationId,
    at.runId,
    iso(at.now),
    ids,
  );
  let accountsGone = 0;
  if (coverage.kind === 'ACCOUNTS') {
    accountsGone = await db.$executeRawUnsafe(
      `UPDATE "ObservedAccount" SET "goneAt" = $3::timestamp(3)
        WHERE "applicationId" = $1::uuid AND "goneAt" IS NULL AND "lastRunId" IS DISTINCT FROM $2::uuid AND "id" = ANY($4::uuid[])`,
      at.applicationId,
      at.runId,
      iso(at.now),
      ids,
    );
  }
  return { membershipsEnded, accountsGone };
}

/** These accounts as last observed (not gone), by nativeId in lower case (to resolve a changed group's members). */
export async function observedIdsByNativeId(
  db: TDb,
  applicationId: string,
  nativeIds: string[],
): Promise<Map<string, string>> {
  const rows = await db.$queryRaw<Array<{ id: string; nativeId: string }>>`
    SELECT id::text AS id, lower("nativeId") AS "nativeId" FROM "ObservedAccount"
     WHERE "applicationId" = ${applicationId}::uuid AND "goneAt" IS NULL AND lower("nativeId") = ANY(${nativeIds}::text[])`;
  return new Map(rows.map((r) => [r.nativeId, r.id]));
}

/** The application's open membership periods: observed account and entitlement -> period id. */
export async function openMembershipPeriods(db: TDb, applicationId: string): Promise<MembershipsByAccount> {
  const rows = (await queryArrays(
    db,
    Prisma.sql`SELECT m."observedAccountId"::text AS "observedAccountId", m."entitlementId"::text AS "entitlementId", m.id::text AS id
                 FROM "ObservedMembership" m JOIN "ObservedAccount" o ON o.id = m."observedAccountId"
                WHERE o."applicationId" = ${applicationId}::uuid AND m."endedAt" IS NULL`,
  )) as Array<[string, string, string]>;
  const open = new MembershipsByAccount();
  for (let i = 0; i < rows.length; i++) {
    if (i % ROWS_BETWEEN_YIELDS === ROWS_BETWEEN_YIELDS - 1) await yieldToEventLoop();
    const [observedAccountId, entitlementId, id] = rows[i]!;
    open.add(observedAccountId, entitlementId, id);
  }
  return open;
}

/**
 * Opens periods for memberships a full read found with none open (it knows them all: no conflict to
 * arbitrate). A first run opens 300,000: through COPY, which took a quarter to a third less of the
 * database's time than the same rows as one JSON document (docs/decisions/063, third pass). COPYed
 * rows' ids are time-ordered (uuid7): random ones wrote all over the primary key's index (the cost is
 * in 090, tenth pass).
 */
export async function insertObservedMemberships(
  db: TDb,
  at: { runId: string; now: Date },
  pairs: Array<{ observedAccountId: string; entitlementId: string }>,
): Promise<void> {
  if (pairs.length === 0) return;
  const now = at.now.toISOString();
  const rows = pairs.map((p) => [uuid7(), p.observedAccountId, p.entitlementId, now, now, at.runId]);
  if (
    await copyRows(
      db,
      'ObservedMembership',
      ['id', 'observedAccountId', 'entitlementId', 'firstSeenAt', 'lastSeenAt', 'lastRunId'],
      rows,
    )
  )
    return;
  await db.$executeRawUnsafe(
    `INSERT INTO "ObservedMembership" ("id", "observedAccountId", "entitlementId", "firstSeenAt", "lastSeenAt", "lastRunId")
     SELECT gen_random_uuid(), (r->>0)::uuid, (r->>1)::uuid, $2::timestamp(3), $2::timestamp(3), $3::uuid
       FROM jsonb_array_elements($1::jsonb) AS r`,
    JSON.stringify(pairs.map((p) => [p.observedAccountId, p.entitlementId])),
    at.now.toISOString(),
    at.runId,
  );
}

/**
 * After a full read: ends the open periods it did not see (by id). The periods it saw are left as
 * they are: an open period is one every full run since it opened has seen (lastSeenAt is the run
 * that wrote it), so a steady-state run writes nothing for them.
 */
export async function settleMembershipPeriods(
  db: TDb,
  at: { now: Date },
  unseenIds: string[],
): Promise<number> {
  let ended = 0;
  for (let i = 0; i < unseenIds.length; i += 50_000) {
    ended += await db.$executeRaw`
      UPDATE "ObservedMembership" SET "endedAt" = ${at.now.toISOString()}::timestamp(3) WHERE id = ANY(${unseenIds.slice(i, i + 50_000)}::uuid[]) AND "endedAt" IS NULL`;
  }
  return ended;
}

/** The planned accounts these observed accounts are linked to now, for those linked (a link made after the read: correlation). */
export async function observedLinks(db: TDb, observedAccountIds: string[]): Promise<Map<string, string>> {
  if (observedAccountIds.length === 0) return new Map();
  const rows = await db.$queryRaw<Array<{ id: string; accountId: string }>>`
    SELECT id::text AS id, "accountId"::text AS "accountId" FROM "ObservedAccount" WHERE id = ANY(${observedAccountIds}::uuid[]) AND "accountId" IS NOT NULL`;
  return new Map(rows.map((r) => [r.id, r.accountId]));
}
