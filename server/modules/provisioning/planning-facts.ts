import type { Prisma } from '@/server/db/client.ts';
import type {
  TAttributes,
  TApplicationPolicy,
  TPlannedAccount,
  TGrantFacts,
  TIdentityFacts,
  TPolicyCatalog,
} from '@/server/modules/policy/index.ts';
import type { ConnectorType, MembershipStatus } from '@/prisma/generated/enums.ts';
import { MAPPING_SOURCE_SELECT, type TMappingSource } from './attribute-mapping.ts';

export type TPlanningIdentity = TIdentityFacts & TMappingSource;
export type TPlanningApplication = TApplicationPolicy & {
  connectorType: ConnectorType;
  attributeMapping: unknown;
  accountRules: unknown;
  concurrency: number;
  enabled: boolean;
};
export type TPlanningAccount = TPlannedAccount & { username: string };

export type TPlanningFacts = {
  identities: TPlanningIdentity[];
  identitiesById: Map<string, TPlanningIdentity>;
  grantsByIdentity: Map<string, TGrantFacts[]>;
  accountsByIdentity: Map<string, TPlanningAccount[]>;
  catalog: TPolicyCatalog;
  applications: Map<string, TPlanningApplication>;
};

/** Everything the engine needs about a set of people, loaded in a fixed number of queries. */
export async function loadPlanningFacts(
  tx: Prisma.TransactionClient,
  ids: string[],
): Promise<TPlanningFacts> {
  // One transaction is one connection: its queries run one after another.
  const identities = await tx.identity.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      status: true,
      startDate: true,
      endDate: true,
      ...MAPPING_SOURCE_SELECT,
    },
  });
  const grants = await tx.grant.findMany({
    where: { identityId: { in: ids }, status: 'ACTIVE' },
    select: {
      id: true,
      identityId: true,
      entitlementId: true,
      roleId: true,
      source: true,
      startsAt: true,
      endsAt: true,
    },
  });
  const accounts = await tx.account.findMany({
    where: { identityId: { in: ids } },
    select: {
      id: true,
      identityId: true,
      applicationId: true,
      username: true,
      status: true,
      attributes: true,
      memberships: { select: { entitlementId: true, status: true } },
    },
  });
  const roleIds = [...new Set(grants.flatMap((g) => (g.roleId ? [g.roleId] : [])))];
  const roleEntitlements = roleIds.length
    ? await tx.roleEntitlement.findMany({
        where: { roleId: { in: roleIds } },
        select: { roleId: true, entitlementId: true },
      })
    : [];
  const entitlementIds = [
    ...new Set([
      ...grants.flatMap((g) => (g.entitlementId ? [g.entitlementId] : [])),
      ...roleEntitlements.map((r) => r.entitlementId),
      ...accounts.flatMap((a) => a.memberships.map((m) => m.entitlementId)),
    ]),
  ];
  const entitlements = entitlementIds.length
    ? await tx.entitlement.findMany({
        where: { id: { in: entitlementIds } },
        select: { id: true, applicationId: true, singleValued: true, externalId: true },
      })
    : [];
  const applicationIds = [
    ...new Set([...entitlements.map((e) => e.applicationId), ...accounts.map((a) => a.applicationId)]),
  ];
  const applications = applicationIds.length
    ? await tx.application.findMany({
        where: { id: { in: applicationIds } },
        select: {
          id: true,
          connectorType: true,
          onDelete: true,
          onDeleteAttributes: true,
          attributeMapping: true,
          accountRules: true,
          concurrency: true,
          enabled: true,
        },
      })
    : [];

  const grantsByIdentity = new Map<string, TGrantFacts[]>();
  for (const g of grants) {
    const list = grantsByIdentity.get(g.identityId) ?? [];
    list.push(g);
    grantsByIdentity.set(g.identityId, list);
  }
  const accountsByIdentity = new Map<string, TPlanningAccount[]>();
  for (const a of accounts) {
    if (!a.identityId) continue;
    const list = accountsByIdentity.get(a.identityId) ?? [];
    list.push({
      id: a.id,
      applicationId: a.applicationId,
      username: a.username,
      status: a.status,
      attributes: (a.attributes ?? {}) as TAttributes,
      memberships: new Map<string, MembershipStatus>(a.memberships.map((m) => [m.entitlementId, m.status])),
    });
    accountsByIdentity.set(a.identityId, list);
  }
  const roleMap = new Map<string, string[]>();
  for (const r of roleEntitlements)
    roleMap.set(r.roleId, [...(roleMap.get(r.roleId) ?? []), r.entitlementId]);
  const planningIdentities: TPlanningIdentity[] = identities.map((i) => ({
    ...i,
    attributes: (i.attributes ?? {}) as Record<string, unknown>,
  }));

  return {
    identities: planningIdentities,
    identitiesById: new Map(planningIdentities.map((i) => [i.id, i])),
    grantsByIdentity,
    accountsByIdentity,
    catalog: {
      entitlements: new Map(
        entitlements.map((e) => [
          e.id,
          {
            id: e.id,
            applicationId: e.applicationId,
            singleValued: e.singleValued,
            externalId: e.externalId,
          },
        ]),
      ),
      roleEntitlements: roleMap,
    },
    applications: new Map(
      applications.map((a) => [
        a.id,
        { ...a, onDeleteAttributes: (a.onDeleteAttributes ?? {}) as TAttributes },
      ]),
    ),
  };
}
