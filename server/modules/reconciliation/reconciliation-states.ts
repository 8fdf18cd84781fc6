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

export async function loadReconciliationStates(db: TDb, applicationId: string, scope: TStateScope): Promise<TReconciliationStates> {
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
  const readCommitted = (accountIds: string[]) => db.$queryRawUnsafe<TCommittedRow[]>(
    `SELECT a.id::text AS id, a."identityId"::text AS "identityId", a.status::text AS status, a."nativeId", a.username, a.attributes, a."updatedAt",
            COALESCE(json_agg(json_build_object('entitlementId', ae."entitlementId", 'status', ae.status, 'updatedAt', ae."updatedAt"))
                     FILTER (WHERE ae."accountId" IS NOT NULL), '[]') AS memberships
       FROM "Account" a
       LEFT JOIN "AccountEntitlement" ae ON ae."accountId" = a.id
      WHERE a."applicationId" = $1::uuid ${some ? `AND a.id = ANY($2::uuid[])` : `AND $2::uuid[] IS NOT NULL`}
      GROUP BY a.id`,
    applicationId,
    accountIds,
  );
  // The whole application's committed state does not depend on what was observed: both load at once
  // (separate connections when `db` is the client). A partial run needs the observed rows' links first.
  let observed: TObservedRow[];
  let committedRows: TCommittedRow[];
  if (some) {
    observed = await readObserved();
    committedRows = await readCommitted([...new Set([...scope.accountIds, ...observed.flatMap((o) => (o.accountId ? [o.accountId] : []))])]);
  } else {
    [observed, committedRows] = await Promise.all([readObserved(), readCommitted([])]);
  }
  const identityIds = [...new Set(committedRows.flatMap((a) => (a.identityId ? [a.identityId] : [])))];
  const readIdentities = () => db.$queryRawUnsafe<TPlanningIdentity[]>(
    `SELECT id::text AS id, status::text AS status, "startDate", "endDate", username, email, "firstName", "lastName", "displayName",
            department, title, location, "costCenter", "employmentType"::text AS "employmentType", "employeeNumber", attributes
       FROM "Identity" WHERE id = ANY($1::uuid[])`,
    identityIds,
  );
  const readGrants = () => db.$queryRawUnsafe<Array<TGrantFacts & { identityId: string }>>(
    `SELECT g.id::text AS id, g."identityId"::text AS "identityId", g."entitlementId"::text AS "entitlementId", g."roleId"::text AS "roleId",
            g.source::text AS source, g."startsAt", g."endsAt"
       FROM "Grant" g
      WHERE g.status = 'ACTIVE' AND g."identityId" = ANY($2::uuid[])
        AND (g."entitlementId" IN (SELECT id FROM "Entitlement" WHERE "applicationId" = $1::uuid)
             OR g."roleId" IN (SELECT re."roleId" FROM "RoleEntitlement" re JOIN "Entitlement" e ON e.id = re."entitlementId" WHERE e."applicationId" = $1::uuid))`,
    applicationId,
    identityIds,
  );
  const readEntitlements = () => db.$queryRaw<Array<{ id: string; singleValued: boolean; externalId: string }>>`
    SELECT id::text AS id, "singleValued", "externalId" FROM "Entitlement" WHERE "applicationId" = ${applicationId}::uuid`;
  const readRoleEntitlements = () => db.$queryRaw<Array<{ roleId: string; entitlementId: string }>>`
    SELECT re."roleId"::text AS "roleId", re."entitlementId"::text AS "entitlementId"
      FROM "RoleEntitlement" re JOIN "Entitlement" e ON e.id = re."entitlementId" WHERE e."applicationId" = ${applicationId}::uuid`;
  const readOperations = () => db.$queryRaw<Array<{ accountId: string; entitlementId: string | null }>>`
    SELECT "accountId"::text AS "accountId", "entitlementId"::text AS "entitlementId" FROM "ProvisioningOperation"
     WHERE "applicationId" = ${applicationId}::uuid AND "accountId" IS NOT NULL AND status IN ('PENDING', 'RUNNING', 'RETRYING', 'WAITING')`;
  const [identities, grants, entitlements, roleEntitlements, operations] = await Promise.all([
    readIdentities(),
    readGrants(),
    readEntitlements(),
    readRoleEntitlements(),
    readOperations(),
  ]);

  const grantsByIdentity = new Map<string, TGrantFacts[]>();
  for (const g of grants) grantsByIdentity.set(g.identityId, [...(grantsByIdentity.get(g.identityId) ?? []), g]);
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
    committed: new Map(committedRows.map((a) => [a.id, a])),
    identities: new Map(identities.map((i) => [i.id, { ...i, attributes: (i.attributes ?? {}) as Record<string, unknown> }])),
    grantsByIdentity,
    catalog: {
      entitlements: new Map(entitlements.map((e) => [e.id, { id: e.id, applicationId, singleValued: e.singleValued, externalId: e.externalId }])),
      roleEntitlements: roleMap,
    },
    operationsInFlight,
  };
}
