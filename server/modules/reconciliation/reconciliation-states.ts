import type { TDb } from '@/server/db/client.ts';
import type { TAttributes } from '@/server/connectors/sdk/connector.ts';
import type { TGrantFacts, TPolicyCatalog } from '@/server/modules/policy/desired-access.ts';
import type { TPlanningIdentity } from '@/server/modules/provisioning/planning-facts.ts';
import type { AccountStatus, MembershipStatus } from '@/prisma/generated/enums.ts';

/*
 * The three states of one application's accounts, loaded for the diff in a fixed number of queries
 * (docs/decisions/055): observed (what the target holds), committed (Account, AccountEntitlement),
 * and what desired is computed from (people, their grants, the catalog), plus what is in flight.
 */

export type TStateScope = { kind: 'ALL' } | { kind: 'SOME'; observedAccountIds: string[]; accountIds: string[] };

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

export type TCommittedRow = {
  id: string;
  identityId: string | null;
  status: AccountStatus;
  nativeId: string | null;
  username: string;
  attributes: TAttributes;
  updatedAt: Date;
  memberships: Array<{ entitlementId: string; status: MembershipStatus; updatedAt: string }>;
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
  const readObserved = () => db.$queryRawUnsafe<TObservedRow[]>(
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
    plan = await loadPlanSide(db, applicationId, [...new Set([...scope.accountIds, ...observed.flatMap((o) => (o.accountId ? [o.accountId] : []))])]);
  } else {
    const planSide = early ? early.plan.then((p) => refreshPlanSide(db, applicationId, p, early.since)) : loadPlanSide(db, applicationId, null);
    [observed, plan] = await Promise.all([asRead ?? readObserved(), planSide]);
  }
  const readEntitlements = () => db.$queryRaw<Array<{ id: string; singleValued: boolean; externalId: string }>>`
    SELECT id::text AS id, "singleValued", "externalId" FROM "Entitlement" WHERE "applicationId" = ${applicationId}::uuid`;
  const readRoleEntitlements = () => db.$queryRaw<Array<{ roleId: string; entitlementId: string }>>`
    SELECT re."roleId"::text AS "roleId", re."entitlementId"::text AS "entitlementId"
      FROM "RoleEntitlement" re JOIN "Entitlement" e ON e.id = re."entitlementId" WHERE e."applicationId" = ${applicationId}::uuid`;
  const readOperations = () => db.$queryRaw<Array<{ accountId: string; entitlementId: string | null }>>`
    SELECT "accountId"::text AS "accountId", "entitlementId"::text AS "entitlementId" FROM "ProvisioningOperation"
     WHERE "applicationId" = ${applicationId}::uuid AND "accountId" IS NOT NULL AND status IN ('PENDING', 'RUNNING', 'RETRYING', 'WAITING')`;
  const [entitlements, roleEntitlements, operations] = await Promise.all([readEntitlements(), readRoleEntitlements(), readOperations()]);

  const roleMap = new Map<string, string[]>();
  for (const r of roleEntitlements) roleMap.set(r.roleId, [...(roleMap.get(r.roleId) ?? []), r.entitlementId]);
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
      entitlements: new Map(entitlements.map((e) => [e.id, { id: e.id, applicationId, singleValued: e.singleValued, externalId: e.externalId }])),
      roleEntitlements: roleMap,
    },
    operationsInFlight,
  };
}

/** Committed accounts (all of the application's when `accountIds` is null), their people and those people's grants. */
export async function loadPlanSide(db: TDb, applicationId: string, accountIds: string[] | null, identityIds: string[] = []): Promise<TPlanSide> {
  const all = accountIds === null;
  const committedRows = await db.$queryRawUnsafe<TCommittedRow[]>(
    `SELECT a.id::text AS id, a."identityId"::text AS "identityId", a.status::text AS status, a."nativeId", a.username, a.attributes, a."updatedAt",
            COALESCE(json_agg(json_build_object('entitlementId', ae."entitlementId", 'status', ae.status, 'updatedAt', ae."updatedAt"))
                     FILTER (WHERE ae."accountId" IS NOT NULL), '[]') AS memberships
       FROM "Account" a
       LEFT JOIN "AccountEntitlement" ae ON ae."accountId" = a.id
      WHERE a."applicationId" = $1::uuid ${all ? `AND $2::uuid[] IS NOT NULL AND $3::uuid[] IS NOT NULL` : `AND (a.id = ANY($2::uuid[]) OR a."identityId" = ANY($3::uuid[]))`}
      GROUP BY a.id`,
    applicationId,
    accountIds ?? [],
    identityIds,
  );
  const people = [...new Set(committedRows.flatMap((a) => (a.identityId ? [a.identityId] : [])))];
  const [identities, grants] = await Promise.all([
    db.$queryRawUnsafe<TPlanningIdentity[]>(
      `SELECT id::text AS id, status::text AS status, "startDate", "endDate", username, email, "firstName", "lastName", "displayName",
              department, title, location, "costCenter", "employmentType"::text AS "employmentType", "employeeNumber", attributes
         FROM "Identity" WHERE id = ANY($1::uuid[])`,
      people,
    ),
    db.$queryRawUnsafe<Array<TGrantFacts & { identityId: string }>>(
      `SELECT g.id::text AS id, g."identityId"::text AS "identityId", g."entitlementId"::text AS "entitlementId", g."roleId"::text AS "roleId",
              g.source::text AS source, g."startsAt", g."endsAt"
         FROM "Grant" g
        WHERE g.status = 'ACTIVE' AND g."identityId" = ANY($2::uuid[])
          AND (g."entitlementId" IN (SELECT id FROM "Entitlement" WHERE "applicationId" = $1::uuid)
               OR g."roleId" IN (SELECT re."roleId" FROM "RoleEntitlement" re JOIN "Entitlement" e ON e.id = re."entitlementId" WHERE e."applicationId" = $1::uuid))`,
      applicationId,
      people,
    ),
  ]);
  const grantsByIdentity = new Map<string, TGrantFacts[]>(people.map((id) => [id, []]));
  for (const g of grants) grantsByIdentity.get(g.identityId)?.push(g);
  return {
    committed: new Map(committedRows.map((a) => [a.id, a])),
    identities: new Map(identities.map((i) => [i.id, { ...i, attributes: (i.attributes ?? {}) as Record<string, unknown> }])),
    grantsByIdentity,
  };
}

/**
 * Loads again what the portal changed since `since` (accounts and their memberships, people, grants):
 * those accounts and every account of those people, with the people and their grants, over the
 * earlier load. A changed row has a newer updatedAt; a membership deleted meanwhile has its period
 * closed (AccountEntitlementPeriod.endedAt, written by the database), so it is found as well.
 */
export async function refreshPlanSide(db: TDb, applicationId: string, plan: TPlanSide, since: Date): Promise<TPlanSide> {
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
