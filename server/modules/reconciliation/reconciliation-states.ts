import { Prisma, type TDb } from '@/server/db/client.ts';
import { readInOneSnapshot } from '@/server/db/query-arrays.ts';
import { ROWS_BETWEEN_YIELDS, yieldToEventLoop } from '@/server/lib/yield-to-event-loop.ts';
import type { TAttributes } from '@/server/connectors/sdk/connector.ts';
import type { TGrantFacts, TPolicyCatalog } from '@/server/modules/policy/index.ts';
import type { TPlanningIdentity } from '@/server/modules/provisioning/index.ts';
import type {
  AccountStatus,
  GrantSource,
  IdentityStatus,
  MembershipStatus,
} from '@/prisma/generated/enums.ts';

/*
 * The three states of one application's accounts, loaded for the diff in a fixed number of queries
 * (docs/decisions/055): observed (what the target holds), committed (Account, AccountEntitlement),
 * and what desired is computed from (people, their grants, the catalog), plus what is in flight.
 */

export type TStateScope =
  { kind: 'ALL' } | { kind: 'SOME'; observedAccountIds: string[]; accountIds: string[] };

export type TObservedRow = {
  id: string;
  stableId: string;
  nativeId: string;
  username: string;
  enabled: boolean;
  attributes: TAttributes;
  accountId: string | null;
  memberships: string[];
};

/**
 * A committed account as the diff judges it. Not its attributes: reconciliation asks the diff for
 * drifts only, which compare the target's attributes with the mapping's output for the person, never
 * with what was committed (a first run parsed 100,000 attribute documents it never read: decision
 * 090, thirteenth pass).
 */
export type TCommittedRow = {
  id: string;
  identityId: string | null;
  status: AccountStatus;
  nativeId: string | null;
  username: string;
  updatedAt: Date;
  memberships: Array<{ entitlementId: string; status: MembershipStatus; updatedAt: Date }>;
};

export type TReconciliationStates = {
  observed: TObservedRow[];
  committed: Map<string, TCommittedRow>;
  identities: Map<string, TPlanningIdentity>;
  grantsByIdentity: Map<string, TGrantFacts[]>;
  catalog: TPolicyCatalog;
  /** Operations not settled yet: account id -> entitlement ids (null: the account itself). */
  operationsInFlight: Map<string, Set<string | null>>;
};

/** The portal's half of the states: committed accounts, their people and grants (desired is computed from these). */
export type TPlanSide = {
  committed: Map<string, TCommittedRow>;
  identities: Map<string, TPlanningIdentity>;
  grantsByIdentity: Map<string, TGrantFacts[]>;
};

/**
 * The three states for the diff. A whole application's committed half does not depend on what was
 * read, so a full run starts loading it (`early`, loadPlanSide) while the target is being read; what
 * the portal changed meanwhile is loaded again here (refreshPlanSide), so the diff sees it as it is
 * now, as if it had all been loaded after the read. A full run hands over the observed half as its
 * read left it (`asRead`), so it is not read back. A partial run needs the observed rows' links first.
 */
export async function loadReconciliationStates(
  db: TDb,
  applicationId: string,
  scope: TStateScope,
  early?: { plan: Promise<TPlanSide>; since: Date },
  asRead?: TObservedRow[] | null,
): Promise<TReconciliationStates> {
  const some = scope.kind === 'SOME';
  const readObserved = () =>
    db.$queryRawUnsafe<TObservedRow[]>(
      `SELECT o.id::text AS id, o."stableId", o."nativeId", o.username, o.enabled, o.attributes, o."accountId"::text AS "accountId",
            COALESCE(array_agg(m."entitlementId"::text) FILTER (WHERE m.id IS NOT NULL), '{}') AS memberships
       FROM "ObservedAccount" o
       LEFT JOIN "ObservedMembership" m ON m."observedAccountId" = o.id AND m."endedAt" IS NULL
      WHERE o."applicationId" = $1::uuid AND o."goneAt" IS NULL
        ${some ? `AND (o.id = ANY($2::uuid[]) OR o."accountId" = ANY($3::uuid[]))` : `AND $2::uuid[] IS NOT NULL AND $3::uuid[] IS NOT NULL`}
      GROUP BY o.id`,
      applicationId,
      some ? scope.observedAccountIds : [],
      some ? scope.accountIds : [],
    );
  let observed: TObservedRow[];
  let plan: TPlanSide;
  if (some) {
    observed = await readObserved();
    plan = await loadPlanSide(db, applicationId, [
      ...new Set([...scope.accountIds, ...observed.flatMap((o) => (o.accountId ? [o.accountId] : []))]),
    ]);
  } else {
    const planSide = early
      ? early.plan.then((p) => refreshPlanSide(db, applicationId, p, early.since))
      : loadPlanSide(db, applicationId, null);
    [observed, plan] = await Promise.all([asRead ?? readObserved(), planSide]);
  }
  const readEntitlements = () => db.$queryRaw<
    Array<{ id: string; singleValued: boolean; externalId: string }>
  >`
    SELECT id::text AS id, "singleValued", "externalId" FROM "Entitlement" WHERE "applicationId" = ${applicationId}::uuid`;
  const readRoleEntitlements = () => db.$queryRaw<Array<{ roleId: string; entitlementId: string }>>`
    SELECT re."roleId"::text AS "roleId", re."entitlementId"::text AS "entitlementId"
      FROM "RoleEntitlement" re JOIN "Entitlement" e ON e.id = re."entitlementId" WHERE e."applicationId" = ${applicationId}::uuid`;
  const readOperations = () => db.$queryRaw<Array<{ accountId: string; entitlementId: string | null }>>`
    SELECT "accountId"::text AS "accountId", "entitlementId"::text AS "entitlementId" FROM "ProvisioningOperation"
     WHERE "applicationId" = ${applicationId}::uuid AND "accountId" IS NOT NULL AND status IN ('PENDING', 'RUNNING', 'RETRYING', 'WAITING')`;
  const [entitlements, roleEntitlements, operations] = await Promise.all([
    readEntitlements(),
    readRoleEntitlements(),
    readOperations(),
  ]);

  const roleMap = new Map<string, string[]>();
  for (const r of roleEntitlements)
    roleMap.set(r.roleId, [...(roleMap.get(r.roleId) ?? []), r.entitlementId]);
  const operationsInFlight = new Map<string, Set<string | null>>();
  for (const op of operations) {
    const set = operationsInFlight.get(op.accountId) ?? new Set<string | null>();
    set.add(op.entitlementId);
    operationsInFlight.set(op.accountId, set);
  }
  return {
    observed,
    ...plan,
    catalog: {
      entitlements: new Map(
        entitlements.map((e) => [
          e.id,
          { id: e.id, applicationId, singleValued: e.singleValued, externalId: e.externalId },
        ]),
      ),
      roleEntitlements: roleMap,
    },
    operationsInFlight,
  };
}

/** An Identity row as loadPlanSide selects it (attributes as JSON text). */
type TIdentityRow = [
  id: string,
  status: IdentityStatus,
  startDate: Date | null,
  endDate: Date | null,
  username: string,
  email: string,
  firstName: string,
  lastName: string,
  displayName: string,
  department: string | null,
  title: string | null,
  location: string | null,
  costCenter: string | null,
  employmentType: string,
  employeeNumber: string | null,
  attributes: string | null,
];

/**
 * Committed accounts (all of the application's when `accountIds` is null), their people and those
 * people's grants. Read as arrays (queryArrays), JSON as text parsed here: a full run loads 100,000
 * accounts, their people and 300,000 grants before it reads the target, and Prisma's raw query
 * mapping made that load seconds longer.
 */
export async function loadPlanSide(
  db: TDb,
  applicationId: string,
  accountIds: string[] | null,
  identityIds: string[] = [],
): Promise<TPlanSide> {
  return readInOneSnapshot(db, (read) => readPlanSide(read, applicationId, accountIds, identityIds));
}

async function readPlanSide(
  read: (sql: Prisma.Sql) => Promise<unknown[][]>,
  applicationId: string,
  accountIds: string[] | null,
  identityIds: string[],
): Promise<TPlanSide> {
  const all = accountIds === null;
  const accounts = Prisma.sql`a."applicationId" = ${applicationId}::uuid
    ${all ? Prisma.empty : Prisma.sql`AND (a.id = ANY(${accountIds}::uuid[]) OR a."identityId" = ANY(${identityIds}::uuid[]))`}`;
  const committedQuery = read(
    Prisma.sql`SELECT a.id::text AS id, a."identityId"::text AS "identityId", a.status::text AS status, a."nativeId", a.username, a."updatedAt"
                 FROM "Account" a WHERE ${accounts}`,
  );
  // The accounts' memberships as rows of their own, sent behind the accounts: a JSON document per
  // account (json_agg over a join grouped by account) cost the database about 2 s of a first run's
  // plan load, on its critical path, and Node a JSON.parse per account and a Date per membership
  // (docs/decisions/090, tenth pass).
  const membershipsQuery = read(
    Prisma.sql`SELECT ae."accountId"::text AS "accountId", ae."entitlementId"::text AS "entitlementId", ae.status::text AS status, ae."updatedAt"
                 FROM "AccountEntitlement" ae JOIN "Account" a ON a.id = ae."accountId" WHERE ${accounts}`,
  );
  // Awaited below; until then a failure must not count as unhandled.
  membershipsQuery.catch(() => {});
  // The people of a whole application are those its accounts name: asked for by a subquery, sent at
  // once behind the accounts and their memberships (the database answers them while Node parses the
  // accounts), and no list of 100,000 ids travels to the database twice. The four read one snapshot
  // (readInOneSnapshot), so every person an account names is loaded with their grants. Otherwise the
  // people are those the accounts loaded name.
  const loadPeople = (people: Prisma.Sql) =>
    Promise.all([
      read(
        // Dates as timestamps (midnight UTC), as Prisma reads a date column.
        Prisma.sql`SELECT id::text AS id, status::text AS status, "startDate"::timestamp AS "startDate", "endDate"::timestamp AS "endDate", username, email, "firstName", "lastName", "displayName",
                          department, title, location, "costCenter", "employmentType"::text AS "employmentType", "employeeNumber", attributes::text AS attributes
                     FROM "Identity" WHERE id ${people}`,
      ),
      read(
        Prisma.sql`SELECT g."identityId"::text AS "identityId", g.id::text AS id, g."entitlementId"::text AS "entitlementId", g."roleId"::text AS "roleId",
                          g.source::text AS source, g."startsAt", g."endsAt"
                     FROM "Grant" g
                    WHERE g.status = 'ACTIVE' AND g."identityId" ${people}
                      AND (g."entitlementId" IN (SELECT id FROM "Entitlement" WHERE "applicationId" = ${applicationId}::uuid)
                           OR g."roleId" IN (SELECT re."roleId" FROM "RoleEntitlement" re JOIN "Entitlement" e ON e.id = re."entitlementId" WHERE e."applicationId" = ${applicationId}::uuid))`,
      ),
    ]);
  const peopleOfAll = all
    ? loadPeople(
        Prisma.sql`IN (SELECT "identityId" FROM "Account" WHERE "applicationId" = ${applicationId}::uuid AND "identityId" IS NOT NULL)`,
      )
    : null;
  // Awaited below; until then a failure must not count as unhandled.
  peopleOfAll?.catch(() => {});
  const committedRows = (await committedQuery) as Array<
    [string, string | null, AccountStatus, string | null, string, Date]
  >;
  const committed = new Map<string, TCommittedRow>();
  const people = new Set<string>();
  for (let i = 0; i < committedRows.length; i++) {
    if (i % ROWS_BETWEEN_YIELDS === ROWS_BETWEEN_YIELDS - 1) await yieldToEventLoop();
    const [id, identityId, status, nativeId, username, updatedAt] = committedRows[i]!;
    committed.set(id, {
      id,
      identityId,
      status,
      nativeId,
      username,
      updatedAt,
      memberships: [],
    });
    if (identityId) people.add(identityId);
  }
  const membershipRows = (await membershipsQuery) as Array<[string, string, MembershipStatus, Date]>;
  for (let i = 0; i < membershipRows.length; i++) {
    if (i % ROWS_BETWEEN_YIELDS === ROWS_BETWEEN_YIELDS - 1) await yieldToEventLoop();
    const [accountId, entitlementId, status, updatedAt] = membershipRows[i]!;
    committed.get(accountId)?.memberships.push({ entitlementId, status, updatedAt });
  }
  const ids = [...people];
  const [identityRows, grants] = await (peopleOfAll ?? loadPeople(Prisma.sql`= ANY(${ids}::uuid[])`));
  const identities = new Map<string, TPlanningIdentity>();
  for (let i = 0; i < identityRows.length; i++) {
    if (i % ROWS_BETWEEN_YIELDS === ROWS_BETWEEN_YIELDS - 1) await yieldToEventLoop();
    const [
      id,
      status,
      startDate,
      endDate,
      username,
      email,
      firstName,
      lastName,
      displayName,
      department,
      title,
      location,
      costCenter,
      employmentType,
      employeeNumber,
      attributes,
    ] = identityRows[i] as TIdentityRow;
    const source = {
      username,
      email,
      firstName,
      lastName,
      displayName,
      department,
      title,
      location,
      costCenter,
      employmentType,
      employeeNumber,
    };
    identities.set(id, {
      id,
      status,
      startDate,
      endDate,
      ...source,
      attributes: (attributes ? JSON.parse(attributes) : {}) as Record<string, unknown>,
    });
  }
  const grantsByIdentity = new Map<string, TGrantFacts[]>(ids.map((id) => [id, []]));
  for (let i = 0; i < grants.length; i++) {
    if (i % ROWS_BETWEEN_YIELDS === ROWS_BETWEEN_YIELDS - 1) await yieldToEventLoop();
    const [identityId, id, entitlementId, roleId, source, startsAt, endsAt] = grants[i] as [
      string,
      string,
      string | null,
      string | null,
      GrantSource,
      Date,
      Date | null,
    ];
    grantsByIdentity.get(identityId)?.push({ id, entitlementId, roleId, source, startsAt, endsAt });
  }
  return { committed, identities, grantsByIdentity };
}

/**
 * Loads again what the portal changed since `since` (accounts and their memberships, people, grants):
 * those accounts and every account of those people, with the people and their grants, over the
 * earlier load. A changed row has a newer updatedAt; a membership deleted meanwhile has its period
 * closed (AccountEntitlementPeriod.endedAt, written by the database), so it is found as well.
 */
export async function refreshPlanSide(
  db: TDb,
  applicationId: string,
  plan: TPlanSide,
  since: Date,
): Promise<TPlanSide> {
  const changed = await db.$queryRaw<Array<{ accountId: string | null; identityId: string | null }>>`
    SELECT a.id::text AS "accountId", a."identityId"::text AS "identityId" FROM "Account" a
     WHERE a."applicationId" = ${applicationId}::uuid
       AND (a."updatedAt" >= ${since}
            OR EXISTS (SELECT 1 FROM "AccountEntitlement" ae WHERE ae."accountId" = a.id AND ae."updatedAt" >= ${since})
            OR EXISTS (SELECT 1 FROM "AccountEntitlementPeriod" p WHERE p."accountId" = a.id AND p."endedAt" >= ${since}))
    UNION
    SELECT NULL, i.id::text FROM "Identity" i WHERE i."updatedAt" >= ${since}
    UNION
    SELECT NULL, g."identityId"::text FROM "Grant" g WHERE g."updatedAt" >= ${since}`;
  if (changed.length === 0) return plan;
  const accountIds = changed.flatMap((c) => (c.accountId ? [c.accountId] : []));
  const identityIds = [...new Set(changed.flatMap((c) => (c.identityId ? [c.identityId] : [])))];
  const fresh = await loadPlanSide(db, applicationId, accountIds, identityIds);
  for (const [id, row] of fresh.committed) plan.committed.set(id, row);
  for (const [id, identity] of fresh.identities) plan.identities.set(id, identity);
  for (const [id, grants] of fresh.grantsByIdentity) plan.grantsByIdentity.set(id, grants);
  return plan;
}
