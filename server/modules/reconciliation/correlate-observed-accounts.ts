import { Prisma, type TDb } from '@/server/db/client.ts';
import { queryArrays } from '@/server/db/query-arrays.ts';
import type { TAttributes } from '@/server/connectors/sdk/connector.ts';
import {
  buildCandidateIndex,
  correlateRecord,
  correlationKeys,
  type TCorrelationKeys,
  type TCorrelationRule as TMatchRule,
} from '@/server/modules/lifecycle/index.ts';
import { followRenamedAccounts } from './follow-renames.ts';
import type { TReconciliationSettings } from './reconciliation-settings.ts';

type TCorrelationRule = TReconciliationSettings['correlation'][number];

export type TCorrelation = {
  /** Observed accounts linked to a planned Account by its nativeId or username. */
  linked: number;
  /** Accounts Gatehouse made for people found by the rules (onboarding only). */
  discoveredAccountIds: Set<string>;
  /** Observed account id -> the person the rules found for it, where no Account was made. */
  suggested: Map<string, string>;
  /** Planned accounts now addressed by the nativeId the run read (renamed or moved in the target). */
  renamed: number;
};

/** The planned Account an account as read is, when it is not linked yet (null: none, or it is taken). */
export type TAccountLink = (read: { nativeId: string; username: string }) => string | null;
/** Gets ready to link a batch of accounts as read (loads what it needs), then links them one by one. */
export type TAccountLinker = (
  batch: ReadonlyArray<{ nativeId: string; username: string }>,
) => Promise<TAccountLink>;

/**
 * Links an account as read to its planned Account, by nativeId, else username; each planned account
 * once (the one already linked to an observed account is taken). A whole read loads the
 * application's planned accounts once (started here, beside the read's other preloads), so a page of
 * accounts is linked as it is written, not by a join over the whole application afterwards. A partial
 * read (an incremental run's 1%) looks up only the planned accounts its batch names: it must not load
 * the application's 100,000 to link a thousand.
 */
export function plannedAccountLinker(
  db: TDb,
  applicationId: string,
  options: { whole: boolean },
): TAccountLinker {
  const byNativeId = new Map<string, string>();
  const byUsername = new Map<string, string>();
  const taken = new Set<string>();
  const load = async (only: { nativeIds: string[]; usernames: string[] } | null) => {
    const narrow = only
      ? Prisma.sql`AND (lower("nativeId") = ANY(${only.nativeIds}::text[]) OR lower(username) = ANY(${only.usernames}::text[]))`
      : Prisma.empty;
    const planned = (await queryArrays(
      db,
      Prisma.sql`SELECT id::text AS id, lower("nativeId") AS "nativeId", lower(username) AS username FROM "Account" WHERE "applicationId" = ${applicationId}::uuid ${narrow}`,
    )) as Array<[string, string | null, string]>;
    const ids = only ? planned.map(([id]) => id) : null;
    if (ids?.length === 0) return;
    const linked = (await queryArrays(
      db,
      Prisma.sql`SELECT "accountId"::text AS "accountId" FROM "ObservedAccount"
                  WHERE "applicationId" = ${applicationId}::uuid AND "accountId" IS NOT NULL AND "goneAt" IS NULL
                  ${ids ? Prisma.sql`AND "accountId" = ANY(${ids}::uuid[])` : Prisma.empty}`,
    )) as Array<[string]>;
    for (const [id, nativeId, username] of planned) {
      if (nativeId) byNativeId.set(nativeId, id);
      byUsername.set(username, id);
    }
    for (const [id] of linked) taken.add(id);
  };
  const link: TAccountLink = (read) => {
    const id =
      byNativeId.get(read.nativeId.toLowerCase()) ?? byUsername.get(read.username.toLowerCase()) ?? null;
    if (!id || taken.has(id)) return null;
    taken.add(id);
    return id;
  };
  if (options.whole) {
    const all = load(null);
    // Awaited by the first batch; until then a failure must not count as unhandled.
    all.catch(() => {});
    return async () => {
      await all;
      return link;
    };
  }
  return async (batch) => {
    if (batch.length > 0) {
      await load({
        nativeIds: [...new Set(batch.map((a) => a.nativeId.toLowerCase()))],
        usernames: [...new Set(batch.map((a) => a.username.toLowerCase()))],
      });
    }
    return link;
  };
}

/**
 * Links what a run read to the plan: an observed account is the planned Account with its nativeId
 * (DN, Id), else with its username. One still unlinked is matched to a person by the application's
 * correlation rules (the first rule that finds exactly one person wins). On an onboarding run the
 * person gets an Account (origin DISCOVERED) for it, so their memberships are judged against what
 * they should hold rather than reported as an orphan's; otherwise the person is only suggested.
 * The link, once made, stays with the stable id: a rename does not undo it, and the planned Account
 * follows the new nativeId (follow-renames.ts).
 */
export async function correlateObservedAccounts(
  db: TDb,
  input: {
    applicationId: string;
    runId: string;
    rules: readonly TCorrelationRule[];
    onboarding: boolean;
    now: Date;
    wholeRead: boolean;
  },
): Promise<TCorrelation> {
  const { applicationId, runId } = input;
  // The accounts this run read: a whole read found every account not gone (and wrote only those that
  // changed); a partial read wrote every account it read.
  const readByRun = input.wholeRead ? `$2::uuid IS NOT NULL` : `o."lastRunId" = $2::uuid`;
  let linked = 0;
  for (const column of ['nativeId', 'username'] as const) {
    linked += await db.$executeRawUnsafe(
      `UPDATE "ObservedAccount" o SET "accountId" = a.id
         FROM "Account" a
        WHERE o."applicationId" = $1::uuid AND ${readByRun} AND o."accountId" IS NULL AND o."goneAt" IS NULL
          AND a."applicationId" = $1::uuid AND lower(a."${column}") = lower(o."${column}")
          AND NOT EXISTS (SELECT 1 FROM "ObservedAccount" x WHERE x."accountId" = a.id AND x."goneAt" IS NULL)`,
      applicationId,
      runId,
    );
  }
  const renamed = await followRenamedAccounts(db, { applicationId, runId, now: input.now });
  const result: TCorrelation = { linked, discoveredAccountIds: new Set(), suggested: new Map(), renamed };
  const unlinked = await db.$queryRawUnsafe<
    Array<{ id: string; nativeId: string; username: string; enabled: boolean; attributes: TAttributes }>
  >(
    `SELECT o.id::text AS id, o."nativeId", o.username, o.enabled, o.attributes FROM "ObservedAccount" o
      WHERE o."applicationId" = $1::uuid AND ${readByRun} AND o."accountId" IS NULL AND o."goneAt" IS NULL`,
    applicationId,
    runId,
  );
  if (unlinked.length === 0 || input.rules.length === 0) return result;

  const byId = new Map(unlinked.map((o) => [o.id, o]));
  // The sources' matcher, fed the account's values under the identity attributes the rules name: a
  // rule is one attribute; the first rule that finds someone decides, and a link is refused when
  // another unique attribute of the account (email, employee number) belongs to someone else.
  const rules: TMatchRule[] = input.rules.map((r) => ({ attributes: [r.identityAttribute], confirm: false }));
  const keyed = unlinked.map((o) => ({ id: o.id, keys: accountKeys(o, input.rules) }));
  const index = await buildCandidateIndex(db, keyed, new Set(input.rules.map((r) => r.identityAttribute)));
  for (const { id, keys } of keyed) {
    const match = correlateRecord(keys, rules, index);
    if (match.kind === 'matched') result.suggested.set(id, match.identityId);
  }
  if (!input.onboarding || result.suggested.size === 0) return result;

  // One Account per person and application: a person who has one already, or matched twice, keeps
  // the suggestion only (their second account is a finding for a person to look at).
  const taken = new Set(
    (
      await db.$queryRaw<Array<{ identityId: string }>>`
        SELECT "identityId"::text AS "identityId" FROM "Account"
         WHERE "applicationId" = ${applicationId}::uuid AND "identityId" = ANY(${[...new Set(result.suggested.values())]}::uuid[])`
    ).map((r) => r.identityId),
  );
  const rows: unknown[][] = [];
  for (const [observedId, identityId] of result.suggested) {
    if (taken.has(identityId)) continue;
    taken.add(identityId);
    const o = byId.get(observedId)!;
    rows.push([observedId, identityId, o.username, o.nativeId, o.enabled ? 'ACTIVE' : 'DISABLED']);
  }
  if (rows.length === 0) return result;
  const created = await db.$queryRawUnsafe<Array<{ id: string; observedId: string }>>(
    `WITH input AS (SELECT r->>0 AS "observedId", (r->>1)::uuid AS "identityId", r->>2 AS username, r->>3 AS "nativeId", (r->>4)::"AccountStatus" AS status
                      FROM jsonb_array_elements($1::jsonb) AS r),
          made AS (INSERT INTO "Account" ("id", "applicationId", "identityId", "username", "nativeId", "status", "origin", "attributes", "updatedAt")
                   SELECT gen_random_uuid(), $2::uuid, "identityId", username, "nativeId", status, 'DISCOVERED', '{}'::jsonb, $3::timestamp(3) FROM input
                   ON CONFLICT DO NOTHING
                   RETURNING id, "identityId")
     SELECT made.id::text AS id, input."observedId" AS "observedId" FROM made JOIN input USING ("identityId")`,
    JSON.stringify(rows),
    applicationId,
    input.now.toISOString(),
  );
  await db.$executeRawUnsafe(
    `UPDATE "ObservedAccount" o SET "accountId" = (r->>1)::uuid FROM jsonb_array_elements($1::jsonb) AS r WHERE o.id = (r->>0)::uuid`,
    JSON.stringify(created.map((c) => [c.observedId, c.id])),
  );
  for (const c of created) {
    result.discoveredAccountIds.add(c.id);
    result.suggested.delete(c.observedId);
  }
  return result;
}

function valueOf(
  o: { username: string; nativeId: string; attributes: TAttributes },
  attribute: string,
): string | null {
  if (attribute === 'username') return o.username;
  if (attribute === 'nativeId') return o.nativeId;
  const entry = Object.entries(o.attributes).find(([k]) => k.toLowerCase() === attribute.toLowerCase());
  const value = entry?.[1];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

/** An account's values under the identity attributes the rules map them to (the first rule naming an attribute gives it), normalised as the sources' are. */
function accountKeys(
  o: { username: string; nativeId: string; attributes: TAttributes },
  rules: readonly TCorrelationRule[],
): TCorrelationKeys {
  const raw: Partial<Record<TCorrelationRule['identityAttribute'], string | null>> = {};
  for (const rule of rules) raw[rule.identityAttribute] ??= valueOf(o, rule.accountAttribute);
  return correlationKeys(raw);
}
