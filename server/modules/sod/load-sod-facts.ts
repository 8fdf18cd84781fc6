import type { TDb } from '@/server/db/client.ts';
import { runAll } from '@/server/db/run-all.ts';
import type { GrantSource } from '@/prisma/generated/enums.ts';
import type { TEntitlementFacts, TGrantFacts, TPolicyCatalog } from '@/server/modules/policy/desired-access.ts';
import type { TSodMitigationFacts, TSodRef, TSodRuleFacts, TSodRuleItem } from './sod-evaluation.ts';

export type TSodFacts = {
  grants: TGrantFacts[];
  catalog: TPolicyCatalog;
  rules: TSodRuleFacts[];
  items: TSodRuleItem[];
};

type TGrantRow = {
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
 * Everything an SoD check needs about one person, in two queries that run side by side: their active
 * grants expanded through roles (with the catalog facts the desired-state engine needs), and only the
 * rule items that touch what they hold or ask for, of rules whose both sides are touched. The rule
 * items are found through the indexes on SodRuleItem(entitlementId) and (roleId), so the cost follows
 * the person's access, not the number of rules.
 */
export async function loadSodFacts(db: TDb, identityId: string, requested: readonly TSodRef[]): Promise<TSodFacts> {
  const requestedEntitlements = requested.filter((r) => r.kind === 'ENTITLEMENT').map((r) => r.id);
  const requestedRoles = requested.filter((r) => r.kind === 'ROLE').map((r) => r.id);
  const [grantRows, itemRows, roleRows] = await runAll(db, [
    () => loadGrantRows(db, identityId),
    () => db.$queryRaw<TItemRow[]>`
      WITH held AS (
        SELECT COALESCE(g."entitlementId", re."entitlementId") AS "entitlementId", g."roleId"
          FROM "Grant" g LEFT JOIN "RoleEntitlement" re ON re."roleId" = g."roleId"
         WHERE g."identityId" = ${identityId}::uuid AND g.status = 'ACTIVE'
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
       WHERE s.lo <> s.hi AND r.enabled`,
    () =>
      requestedRoles.length
        ? db.roleEntitlement.findMany({
            where: { roleId: { in: requestedRoles } },
            select: { roleId: true, entitlement: { select: { id: true, applicationId: true, singleValued: true } } },
          })
        : Promise.resolve([]),
  ] as const);

  const { grants, catalog } = toGrantFacts(grantRows);
  const { entitlements, roleEntitlements } = catalog;
  for (const r of roleRows) {
    entitlements.set(r.entitlement.id, { id: r.entitlement.id, applicationId: r.entitlement.applicationId, singleValued: r.entitlement.singleValued });
    const list = roleEntitlements.get(r.roleId) ?? [];
    if (!list.includes(r.entitlement.id)) roleEntitlements.set(r.roleId, [...list, r.entitlement.id]);
  }
  const rules = new Map<string, TSodRuleFacts>();
  for (const i of itemRows) rules.set(i.ruleId, { id: i.ruleId, name: i.name, severity: i.severity });
  return {
    grants,
    catalog: { entitlements, roleEntitlements },
    rules: [...rules.values()],
    items: itemRows.map((i) => ({ ruleId: i.ruleId, side: i.side, entitlementId: i.entitlementId, roleId: i.roleId })),
  };
}

function loadGrantRows(db: TDb, identityId: string) {
  return db.$queryRaw<TGrantRow[]>`
    SELECT g.id::text, g."entitlementId"::text, g."roleId"::text, g.source::text AS source, g."startsAt", g."endsAt",
           e.id::text AS "catalogEntitlementId", e."applicationId"::text, e."singleValued"
      FROM "Grant" g
      LEFT JOIN "RoleEntitlement" re ON re."roleId" = g."roleId"
      LEFT JOIN "Entitlement" e ON e.id = COALESCE(g."entitlementId", re."entitlementId")
     WHERE g."identityId" = ${identityId}::uuid AND g.status = 'ACTIVE'`;
}

function toGrantFacts(rows: TGrantRow[]): { grants: TGrantFacts[]; catalog: { entitlements: Map<string, TEntitlementFacts>; roleEntitlements: Map<string, string[]> } } {
  const grants = new Map<string, TGrantFacts>();
  const entitlements = new Map<string, TEntitlementFacts>();
  const roleEntitlements = new Map<string, string[]>();
  for (const row of rows) {
    grants.set(row.id, { id: row.id, entitlementId: row.entitlementId, roleId: row.roleId, source: row.source, startsAt: row.startsAt, endsAt: row.endsAt });
    if (!row.catalogEntitlementId) continue;
    entitlements.set(row.catalogEntitlementId, { id: row.catalogEntitlementId, applicationId: row.applicationId!, singleValued: row.singleValued ?? false });
    if (row.roleId) roleEntitlements.set(row.roleId, [...(roleEntitlements.get(row.roleId) ?? []), row.catalogEntitlementId]);
  }
  return { grants: [...grants.values()], catalog: { entitlements, roleEntitlements } };
}

/** A person's active grants with what the desired-state engine needs to expand them (one query). */
export async function loadGrantFacts(db: TDb, identityId: string) {
  return toGrantFacts(await loadGrantRows(db, identityId));
}

/** Mitigations in force for this person and these rules (asked only when a mitigatable rule is hit). */
export async function loadMitigations(db: TDb, identityId: string, ruleIds: string[], now: Date): Promise<TSodMitigationFacts[]> {
  if (ruleIds.length === 0) return [];
  return db.sodMitigation.findMany({
    where: { identityId, ruleId: { in: ruleIds }, revokedAt: null, expiresAt: { gt: now } },
    select: { id: true, ruleId: true, control: true, expiresAt: true },
  });
}

/** Display names of entitlements and roles, for explanations. */
export async function loadItemNames(db: TDb, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const unique = [...new Set(ids)];
  const [ents, roles] = await runAll(db, [
    () => db.entitlement.findMany({ where: { id: { in: unique } }, select: { id: true, name: true } }),
    () => db.role.findMany({ where: { id: { in: unique } }, select: { id: true, name: true } }),
  ] as const);
  return new Map([...ents, ...roles].map((x) => [x.id, x.name]));
}
