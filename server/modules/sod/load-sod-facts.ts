import { Prisma, type TDb } from '@/server/db/client.ts';
import { queryArrays } from '@/server/db/query-arrays.ts';
import type { TRead } from '@/server/db/read-together.ts';
import { runAll } from '@/server/db/run-all.ts';
import type { GrantSource } from '@/prisma/generated/enums.ts';
import type { TEntitlementFacts, TGrantFacts, TPolicyCatalog } from '@/server/modules/policy/index.ts';
import type { TSodMitigationFacts, TSodRef, TSodRuleFacts, TSodRuleItem } from './sod-evaluation.ts';

export type TSodFacts = {
  grants: TGrantFacts[];
  catalog: TPolicyCatalog;
  rules: TSodRuleFacts[];
  items: TSodRuleItem[];
  /** Read beside the rest when asked for and every question asks for something (loadWordsAsked). */
  words?: TSodWords;
};

/**
 * What a check's answer needs beyond its evaluation: the mitigations in force (of its people, for
 * the rules it weighs) and the names its explanations use, keyed by entitlement or role id.
 */
export type TSodWords = {
  mitigations: Array<TSodMitigationFacts & { identityId: string }>;
  names: Map<string, string>;
};

type TGrantRow = {
  identityId: string;
  id: string;
  entitlementId: string | null;
  roleId: string | null;
  source: GrantSource;
  startsAt: Date;
  endsAt: Date | null;
  catalogEntitlementId: string | null;
  applicationId: string | null;
  singleValued: boolean | null;
};
type TItemRow = TSodRuleItem & { name: string; severity: 'BLOCK' | 'MITIGATABLE' };

/**
 * One person and what they ask for; a batch of them is checked in the same few queries. With something
 * requested (by every question of the batch), only the rules the request names are loaded: the answer
 * holds the conflicts the request takes part in, not the person's others (loadItemsOfRulesAsked).
 * `rules`, when the caller already knows which rules it asks about (the detective scan found each
 * person's broken rules in one statement), limits the check to those: only their items are loaded
 * and evaluated.
 */
export type TSodQuestion = { identityId: string; requested: readonly TSodRef[]; rules?: readonly string[] };

/**
 * Everything SoD checks need about a batch of people (one, or every pending step of an approver's
 * inbox), in three queries that run side by side whatever the batch size: their active grants
 * expanded through roles (with the catalog facts the desired-state engine needs), and only the rule
 * items that touch what they hold or ask for, of rules whose both sides are touched by someone in the
 * batch. When every question asks for something, both reads start from the rules the request names
 * instead (askedRules): their items, and only the grants that give what those rules name. The rule items are found through the indexes on SodRuleItem(entitlementId) and (roleId), so
 * the cost follows the people's access, not the number of rules. Each person gets the batch's rule
 * items: evaluateSod only reports a rule when that person's own holdings cover both sides, so an item
 * touched by someone else changes nothing. Facts come back in the order of `questions`. `wordsAt`:
 * a check that asks for something also reads, in its items' statement, the mitigations in force at
 * that time and the names its answer may need (`words`, loadItemsAndWordsAsked).
 */
export async function loadSodFactsForMany(
  db: TDb,
  questions: readonly TSodQuestion[],
  options: { wordsAt?: Date } = {},
): Promise<TSodFacts[]> {
  if (questions.length === 0) return [];
  const identityIds = [...new Set(questions.map((q) => q.identityId))];
  const requested = questions.flatMap((q) => q.requested);
  const requestedEntitlements = [
    ...new Set(requested.filter((r) => r.kind === 'ENTITLEMENT').map((r) => r.id)),
  ];
  const requestedRoles = [...new Set(requested.filter((r) => r.kind === 'ROLE').map((r) => r.id))];
  const ruleIds = questions.every((q) => q.rules) ? [...new Set(questions.flatMap((q) => q.rules!))] : null;
  const asking = questions.every((q) => q.requested.length > 0);
  // Named rules (the scan's) are read whole, with every grant: their items need not name the request.
  const asked = asking && !ruleIds ? askedRules(requestedEntitlements, requestedRoles) : null;
  const [grantRows, { itemRows, words }, roleRows] = await runAll(db, [
    () => (asked ? loadGrantRowsAsked(db, identityIds, asked) : loadGrantRows(db, identityIds)),
    async (): Promise<{ itemRows: TItemRow[]; words?: TSodWords }> =>
      ruleIds
        ? { itemRows: await loadItemsOfRules(db, ruleIds) }
        : asked
          ? options.wordsAt
            ? loadItemsAndWordsAsked(db, identityIds, asked, options.wordsAt)
            : { itemRows: await loadItemsOfRulesAsked(db, asked) }
          : { itemRows: await loadItemsTouched(db, identityIds, requestedEntitlements, requestedRoles) },
    () =>
      requestedRoles.length
        ? db.roleEntitlement.findMany({
            where: { roleId: { in: requestedRoles } },
            select: {
              roleId: true,
              entitlement: { select: { id: true, applicationId: true, singleValued: true } },
            },
          })
        : Promise.resolve([]),
  ] as const);

  const rules = new Map<string, TSodRuleFacts>();
  for (const i of itemRows) rules.set(i.ruleId, { id: i.ruleId, name: i.name, severity: i.severity });
  const items = itemRows.map((i) => ({
    ruleId: i.ruleId,
    side: i.side,
    entitlementId: i.entitlementId,
    roleId: i.roleId,
  }));
  const rowsOf = new Map<string, TGrantRow[]>();
  for (const r of grantRows) {
    const list = rowsOf.get(r.identityId);
    if (list) list.push(r);
    else rowsOf.set(r.identityId, [r]);
  }
  return questions.map((q) => {
    const { grants, catalog } = toGrantFacts(rowsOf.get(q.identityId) ?? []);
    const { entitlements, roleEntitlements } = catalog;
    const askedRoles = new Set(q.requested.filter((r) => r.kind === 'ROLE').map((r) => r.id));
    for (const r of roleRows) {
      if (!askedRoles.has(r.roleId)) continue;
      entitlements.set(r.entitlement.id, {
        id: r.entitlement.id,
        applicationId: r.entitlement.applicationId,
        singleValued: r.entitlement.singleValued,
      });
      const list = roleEntitlements.get(r.roleId) ?? [];
      if (!list.includes(r.entitlement.id)) roleEntitlements.set(r.roleId, [...list, r.entitlement.id]);
    }
    return {
      grants,
      catalog: { entitlements, roleEntitlements },
      rules: [...rules.values()],
      items,
      ...(words ? { words } : {}),
    };
  });
}

/**
 * A check that asks for something reads its words with its rule items, in the same statement, rather
 * than in a second round trip once its conflicts are known: the mitigations in force of its people for
 * every rule the request names (evaluateSod uses those of the rules in conflict only), the names of
 * everything those rules and the request name (each side of a conflict is one of them) and of the
 * roles the people hold (a conflict's entitlement held through a role names it). A superset of what
 * the second round read, so the answer is the same (docs/decisions/099, "Words with the items").
 * Rows of three parts in one shape: 0 the items (as itemsOfRulesAskedSql, in its order), 1 a name,
 * 2 a mitigation. The names are looked up by key from arrays of ids (`= ANY(ARRAY(…))`): as `IN
 * (SELECT …)` the planner may hash the whole catalog for a few dozen names.
 */
async function loadItemsAndWordsAsked(
  db: TDb,
  identityIds: readonly string[],
  asked: Prisma.Sql,
  now: Date,
): Promise<{ itemRows: TItemRow[]; words: TSodWords }> {
  const rows = await queryArrays(
    db,
    Prisma.sql`
    WITH ${asked},
    parts AS (
      SELECT 0 AS part, i."ruleId", i.side, i."entitlementId", i."roleId", r.name, r.severity::text AS severity,
             NULL::uuid AS id, NULL::uuid AS "identityId", NULL::timestamp AS "expiresAt"
        FROM "SodRuleItem" i JOIN "SodRule" r ON r.id = i."ruleId"
       WHERE i."ruleId" IN (SELECT "ruleId" FROM touched) AND r.enabled
      UNION ALL
      SELECT 1, NULL, NULL, NULL, NULL, e.name, NULL, e.id, NULL, NULL
        FROM "Entitlement" e WHERE e.id = ANY(ARRAY(SELECT "entitlementId" FROM named))
      UNION ALL
      SELECT 1, NULL, NULL, NULL, NULL, o.name, NULL, o.id, NULL, NULL
        FROM "Role" o
       WHERE o.id = ANY(ARRAY(
               SELECT "roleId" FROM named WHERE "roleId" IS NOT NULL
               UNION
               SELECT g."roleId" FROM "Grant" g
                WHERE g."identityId" = ANY(${identityIds}::uuid[]) AND g.status = 'ACTIVE' AND g."roleId" IS NOT NULL))
      UNION ALL
      SELECT 2, m."ruleId", NULL, NULL, NULL, m.control, NULL, m.id, m."identityId", m."expiresAt"
        FROM "SodMitigation" m
       WHERE m."identityId" = ANY(${identityIds}::uuid[]) AND m."ruleId" IN (SELECT "ruleId" FROM touched)
         AND m."revokedAt" IS NULL AND m."expiresAt" > (${now.toISOString()}::timestamptz AT TIME ZONE 'UTC')
    )
    SELECT part, "ruleId"::text, side, "entitlementId"::text, "roleId"::text, name, severity, id::text,
           "identityId"::text, "expiresAt"
      FROM parts ORDER BY part, parts."ruleId", parts.side, parts."entitlementId", parts."roleId"`,
  );
  const itemRows: TItemRow[] = [];
  const words: TSodWords = { mitigations: [], names: new Map() };
  for (const r of rows) {
    if (r[0] === 0) itemRows.push(toItemRow(r.slice(1, 7)));
    else if (r[0] === 1) words.names.set(r[7] as string, r[5] as string);
    else
      words.mitigations.push({
        identityId: r[8] as string,
        ruleId: r[1] as string,
        id: r[7] as string,
        control: r[5] as string,
        expiresAt: r[9] as Date,
      });
  }
  return { itemRows, words };
}

/**
 * A person's grants (several hundred rows for someone with many roles) and the rule items they touch
 * are read on every submission: as arrays through the pool (queryArrays), not Prisma's objects, whose
 * per-value conversion and garbage were a measurable part of a submission's time outside the database.
 */
async function loadGrantRows(db: TDb, identityIds: readonly string[]): Promise<TGrantRow[]> {
  const rows = await queryArrays(
    db,
    Prisma.sql`
    SELECT ${GRANT_COLUMNS}
      FROM "Grant" g
      LEFT JOIN "RoleEntitlement" re ON re."roleId" = g."roleId"
      LEFT JOIN "Entitlement" e ON e.id = COALESCE(g."entitlementId", re."entitlementId")
     WHERE g."identityId" = ANY(${identityIds}::uuid[]) AND g.status = 'ACTIVE'`,
  );
  return rows.map(toGrantRow);
}

/**
 * The grants a check that asks for something needs, of the few hundred a person may hold: those that
 * give (directly or through a role) an entitlement or role the asked rules name or the request asks
 * for, with only those rows of a role's contents; and where one of those entitlements is single-valued,
 * the grants of every single-valued entitlement of its application, since which of them is held depends
 * on all of them (computeDesiredAccess: the latest wins). What is held of everything the rules and the
 * request name comes out as the whole read would give it. The rows are chosen before the catalog is
 * read, and each looks its entitlement up by key (LATERAL): a filter on the entitlement's own columns,
 * or a join the planner may hash, read the whole catalog for a handful of rows.
 */
async function loadGrantRowsAsked(
  db: TDb,
  identityIds: readonly string[],
  asked: Prisma.Sql,
): Promise<TGrantRow[]> {
  const rows = await queryArrays(
    db,
    Prisma.sql`
    WITH ${asked},
    single_apps AS MATERIALIZED (
      SELECT DISTINCT n."applicationId" FROM named x JOIN "Entitlement" n ON n.id = x."entitlementId"
       WHERE n."singleValued"
    ),
    picked AS (
      SELECT g."identityId", g.id, g."entitlementId", g."roleId", g.source, g."startsAt", g."endsAt",
             COALESCE(g."entitlementId", re."entitlementId") AS held_id
        FROM "Grant" g LEFT JOIN "RoleEntitlement" re ON re."roleId" = g."roleId"
       WHERE g."identityId" = ANY(${identityIds}::uuid[]) AND g.status = 'ACTIVE'
         AND (COALESCE(g."entitlementId", re."entitlementId") IN (SELECT "entitlementId" FROM named)
              OR g."roleId" IN (SELECT "roleId" FROM named)
              OR COALESCE(g."entitlementId", re."entitlementId") IN (
                   SELECT s.id FROM single_apps a JOIN "Entitlement" s ON s."applicationId" = a."applicationId"
                    WHERE s."singleValued"))
    )
    SELECT ${GRANT_COLUMNS}
      FROM picked g
      LEFT JOIN LATERAL (SELECT e.id, e."applicationId", e."singleValued" FROM "Entitlement" e WHERE e.id = g.held_id LIMIT 1) e ON true`,
  );
  return rows.map(toGrantRow);
}

const GRANT_COLUMNS = Prisma.sql`g."identityId"::text, g.id::text, g."entitlementId"::text, g."roleId"::text, g.source::text AS source, g."startsAt", g."endsAt",
           e.id::text AS "catalogEntitlementId", e."applicationId"::text, e."singleValued"`;

const toGrantRow = (r: unknown[]): TGrantRow => ({
  identityId: r[0] as string,
  id: r[1] as string,
  entitlementId: r[2] as string | null,
  roleId: r[3] as string | null,
  source: r[4] as GrantSource,
  startsAt: r[5] as Date,
  endsAt: r[6] as Date | null,
  catalogEntitlementId: r[7] as string | null,
  applicationId: r[8] as string | null,
  singleValued: r[9] as boolean | null,
});

/**
 * The rule items that touch what these people hold or ask for, of enabled rules whose both sides are
 * touched by someone: found through the indexes on SodRuleItem(entitlementId) and (roleId). In a fixed
 * order (rule, side, item), which decides the order of a conflict's sides and so its explanation.
 */
async function loadItemsTouched(
  db: TDb,
  identityIds: readonly string[],
  requestedEntitlements: readonly string[],
  requestedRoles: readonly string[],
): Promise<TItemRow[]> {
  const rows = await queryArrays(
    db,
    Prisma.sql`
      WITH held AS (
        SELECT COALESCE(g."entitlementId", re."entitlementId") AS "entitlementId", g."roleId"
          FROM "Grant" g LEFT JOIN "RoleEntitlement" re ON re."roleId" = g."roleId"
         WHERE g."identityId" = ANY(${identityIds}::uuid[]) AND g.status = 'ACTIVE'
        UNION ALL
        SELECT re."entitlementId", NULL FROM "RoleEntitlement" re WHERE re."roleId" = ANY(${requestedRoles}::uuid[])
        UNION ALL
        SELECT unnest(${requestedEntitlements}::uuid[]), NULL
        UNION ALL
        SELECT NULL, unnest(${requestedRoles}::uuid[])
      ),
      hits AS (
        SELECT i."ruleId", i.side, i."entitlementId", i."roleId" FROM "SodRuleItem" i
         WHERE i."entitlementId" IN (SELECT "entitlementId" FROM held WHERE "entitlementId" IS NOT NULL)
        UNION
        SELECT i."ruleId", i.side, i."entitlementId", i."roleId" FROM "SodRuleItem" i
         WHERE i."roleId" IN (SELECT "roleId" FROM held WHERE "roleId" IS NOT NULL)
      ),
      sided AS (
        SELECT h.*, min(h.side) OVER (PARTITION BY h."ruleId") AS lo, max(h.side) OVER (PARTITION BY h."ruleId") AS hi FROM hits h
      )
      SELECT s."ruleId"::text, s.side, s."entitlementId"::text, s."roleId"::text, r.name, r.severity::text AS severity
        FROM sided s JOIN "SodRule" r ON r.id = s."ruleId"
       WHERE s.lo <> s.hi AND r.enabled
       ORDER BY s."ruleId", s.side, s."entitlementId", s."roleId"`,
  );
  return rows.map(toItemRow);
}

/**
 * The rules that name something asked for (an entitlement, a role, or an entitlement inside a
 * requested role), as the CTEs `asked`, `touched` ("ruleId") and `named` (every entitlement and role
 * those rules or the request name): the start of both reads of a check that asks for something. When every question asks for something, these are all the rules a
 * conflict the request takes part in can come from: a new conflict has a side made of requested
 * holdings only, and one the request repeats names it too. The person's other conflicts (hundreds of
 * already-broken rules for someone who holds a lot) are not what a request, an approval or a guard
 * answers for (`explainable`; every caller keeps `isNew` or `involvesRequested` conflicts only).
 * Found from the rule-item indexes on the few asked ids: the cost follows what is asked, not what the
 * person holds (docs/decisions/099).
 */
function askedRules(requestedEntitlements: readonly string[], requestedRoles: readonly string[]) {
  return Prisma.sql`
    asked AS (
      SELECT unnest(${requestedEntitlements}::uuid[]) AS "entitlementId"
      UNION ALL
      SELECT re."entitlementId" FROM "RoleEntitlement" re WHERE re."roleId" = ANY(${requestedRoles}::uuid[])
    ),
    touched AS (
      SELECT i."ruleId" FROM "SodRuleItem" i WHERE i."entitlementId" IN (SELECT "entitlementId" FROM asked)
      UNION
      SELECT i."ruleId" FROM "SodRuleItem" i WHERE i."roleId" = ANY(${requestedRoles}::uuid[])
    ),
    named AS (
      SELECT i."entitlementId", i."roleId" FROM "SodRuleItem" i WHERE i."ruleId" IN (SELECT "ruleId" FROM touched)
      UNION
      SELECT "entitlementId", NULL FROM asked
      UNION
      SELECT NULL, unnest(${requestedRoles}::uuid[])
    )`;
}

/** Every item of the enabled rules askedRules finds, in the order loadItemsTouched gives. */
async function loadItemsOfRulesAsked(db: TDb, asked: Prisma.Sql): Promise<TItemRow[]> {
  const rows = await queryArrays(db, itemsOfRulesAskedSql(asked));
  return rows.map(toItemRow);
}

/** loadItemsOfRulesAsked's statement; its columns are TItemRow's, in toItemRow's order. */
const itemsOfRulesAskedSql = (asked: Prisma.Sql) => Prisma.sql`
  WITH ${asked}
  SELECT i."ruleId"::text AS "ruleId", i.side::text AS side, i."entitlementId"::text AS "entitlementId",
         i."roleId"::text AS "roleId", r.name, r.severity::text AS severity
    FROM "SodRuleItem" i JOIN "SodRule" r ON r.id = i."ruleId"
   WHERE i."ruleId" IN (SELECT "ruleId" FROM touched) AND r.enabled
   ORDER BY i."ruleId", i.side, i."entitlementId", i."roleId"`;

/**
 * The rules a check that asks for something weighed, as one comparable text: each enabled rule the
 * request names with its severity and items (not its name or description, which decide nothing).
 * A submission keeps what its plan read (TSodCheckResult.rulesRead) and its hold reads it again
 * (sodRulesReadNow) once it holds the items' locks, which a rule's save takes exclusively: a rule
 * created, edited or enabled between the two makes it plan again (docs/decisions/115).
 */
export function sodRulesRead(facts: Pick<TSodFacts, 'rules' | 'items'>): string {
  const severity = new Map(facts.rules.map((r) => [r.id, r.severity]));
  return JSON.stringify(
    facts.items
      .map((i) => [i.ruleId, i.side, i.entitlementId, i.roleId, severity.get(i.ruleId)].join(' '))
      .sort(),
  );
}

/**
 * sodRulesRead of the rules a check asking for `requested` reads now, described (TRead): a
 * submission's hold sends it beside its items and its approvers' facts in one statement
 * (docs/decisions/116).
 */
export function sodRulesReadNow(requested: readonly TSodRef[]): TRead<string> {
  const of = (kind: TSodRef['kind']) => [
    ...new Set(requested.filter((r) => r.kind === kind).map((r) => r.id)),
  ];
  return {
    parts: [itemsOfRulesAskedSql(askedRules(of('ENTITLEMENT'), of('ROLE')))],
    read: ([rows]) => {
      const items = rows! as unknown as TItemRow[];
      return sodRulesRead({
        rules: items.map((r) => ({ id: r.ruleId, name: r.name, severity: r.severity })),
        items,
      });
    },
  };
}

const toItemRow = (r: unknown[]): TItemRow => ({
  ruleId: r[0] as string,
  side: r[1] as TItemRow['side'],
  entitlementId: r[2] as string | null,
  roleId: r[3] as string | null,
  name: r[4] as string,
  severity: r[5] as TItemRow['severity'],
});

/**
 * Every item of these rules (enabled ones), in the order loadItemsTouched gives. Items nobody holds
 * are evaluated against nothing, so the conflicts are the ones loadItemsTouched's items give.
 */
function loadItemsOfRules(db: TDb, ruleIds: readonly string[]) {
  return db.$queryRaw<TItemRow[]>`
    SELECT i."ruleId"::text, i.side, i."entitlementId"::text, i."roleId"::text, r.name, r.severity::text AS severity
      FROM "SodRuleItem" i JOIN "SodRule" r ON r.id = i."ruleId"
     WHERE i."ruleId" = ANY(${ruleIds}::uuid[]) AND r.enabled
     ORDER BY i."ruleId", i.side, i."entitlementId", i."roleId"`;
}

function toGrantFacts(rows: TGrantRow[]): {
  grants: TGrantFacts[];
  catalog: { entitlements: Map<string, TEntitlementFacts>; roleEntitlements: Map<string, string[]> };
} {
  const grants = new Map<string, TGrantFacts>();
  const entitlements = new Map<string, TEntitlementFacts>();
  const roleEntitlements = new Map<string, string[]>();
  for (const row of rows) {
    grants.set(row.id, {
      id: row.id,
      entitlementId: row.entitlementId,
      roleId: row.roleId,
      source: row.source,
      startsAt: row.startsAt,
      endsAt: row.endsAt,
    });
    if (!row.catalogEntitlementId) continue;
    entitlements.set(row.catalogEntitlementId, {
      id: row.catalogEntitlementId,
      applicationId: row.applicationId!,
      singleValued: row.singleValued ?? false,
    });
    if (row.roleId)
      roleEntitlements.set(row.roleId, [
        ...(roleEntitlements.get(row.roleId) ?? []),
        row.catalogEntitlementId,
      ]);
  }
  return { grants: [...grants.values()], catalog: { entitlements, roleEntitlements } };
}

/** A person's active grants with what the desired-state engine needs to expand them (one query). */
export async function loadGrantFacts(db: TDb, identityId: string) {
  return toGrantFacts(await loadGrantRows(db, [identityId]));
}

/** loadGrantFacts for many people in the same one query, by person. */
export async function loadGrantFactsForMany(db: TDb, identityIds: readonly string[]) {
  const rows = identityIds.length ? await loadGrantRows(db, [...new Set(identityIds)]) : [];
  return new Map(identityIds.map((id) => [id, toGrantFacts(rows.filter((r) => r.identityId === id))]));
}

/** Mitigations in force for this person and these rules (asked only when a mitigatable rule is hit). */
export async function loadMitigations(
  db: TDb,
  identityId: string,
  ruleIds: string[],
  now: Date,
): Promise<TSodMitigationFacts[]> {
  return (await loadMitigationsForMany(db, [identityId], ruleIds, now)).map(({ identityId: _, ...m }) => m);
}

/**
 * Mitigations in force for any of these people and rules, in one query (the caller pairs them up). As
 * arrays through the pool (queryArrays), like the check's other reads: it is the second of a
 * submission's SoD round trips, and Prisma's findMany cost more Node time than the query itself.
 * `now` goes as its UTC wall time, which the `timestamp` column holds (as Prisma binds a Date).
 */
export async function loadMitigationsForMany(
  db: TDb,
  identityIds: readonly string[],
  ruleIds: readonly string[],
  now: Date,
): Promise<Array<TSodMitigationFacts & { identityId: string }>> {
  if (identityIds.length === 0 || ruleIds.length === 0) return [];
  const rows = await queryArrays(
    db,
    Prisma.sql`
    SELECT m.id::text, m."identityId"::text, m."ruleId"::text, m.control, m."expiresAt"
      FROM "SodMitigation" m
     WHERE m."identityId" = ANY(${[...new Set(identityIds)]}::uuid[]) AND m."ruleId" = ANY(${[...new Set(ruleIds)]}::uuid[])
       AND m."revokedAt" IS NULL AND m."expiresAt" > (${now.toISOString()}::timestamptz AT TIME ZONE 'UTC')`,
  );
  return rows.map((r) => ({
    id: r[0] as string,
    identityId: r[1] as string,
    ruleId: r[2] as string,
    control: r[3] as string,
    expiresAt: r[4] as Date,
  }));
}

/** Display names of entitlements and roles, for explanations (one query for both, as arrays). */
export async function loadItemNames(db: TDb, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const unique = [...new Set(ids)];
  const rows = await queryArrays(
    db,
    Prisma.sql`
    SELECT e.id::text, e.name FROM "Entitlement" e WHERE e.id = ANY(${unique}::uuid[])
    UNION ALL
    SELECT r.id::text, r.name FROM "Role" r WHERE r.id = ANY(${unique}::uuid[])`,
  );
  return new Map(rows.map((x) => [x[0] as string, x[1] as string]));
}
