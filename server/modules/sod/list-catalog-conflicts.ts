import { Prisma, type TDb } from '@/server/db/client.ts';
import { queryArrays } from '@/server/db/query-arrays.ts';

export type TCatalogConflict = { entitlementId: string; ruleName: string; severity: 'BLOCK' | 'MITIGATABLE' };

/**
 * Which of a catalog page's entitlements would put the person into a segregation-of-duties conflict
 * with what they already hold (directly or through a role): one set-based query for the whole page,
 * so a card can warn before it is picked. A hint only: the request's preview and submit run the full
 * check (`checkSod`), which also knows mitigations and conflicts inside the request itself.
 */
export async function listCatalogConflicts(
  db: TDb,
  identityId: string,
  entitlementIds: readonly string[],
  now: Date,
): Promise<TCatalogConflict[]> {
  if (entitlementIds.length === 0) return [];
  const rows = await queryArrays(
    db,
    Prisma.sql`
    WITH held AS (
      SELECT COALESCE(g."entitlementId", re."entitlementId") AS "entitlementId", g."roleId"
        FROM "Grant" g LEFT JOIN "RoleEntitlement" re ON re."roleId" = g."roleId"
       WHERE g."identityId" = ${identityId}::uuid AND g.status = 'ACTIVE' AND g."startsAt" <= ${now}
         AND (g."endsAt" IS NULL OR g."endsAt" > ${now})
    )
    SELECT DISTINCT c."entitlementId"::text AS "entitlementId", r.name AS "ruleName", r.severity::text AS severity
      FROM "SodRuleItem" c
      JOIN "SodRule" r ON r.id = c."ruleId" AND r.enabled
      JOIN "SodRuleItem" o ON o."ruleId" = c."ruleId" AND o.side <> c.side
     WHERE c."entitlementId" = ANY(${entitlementIds as string[]}::uuid[])
       AND (o."entitlementId" IN (SELECT "entitlementId" FROM held WHERE "entitlementId" IS NOT NULL)
            OR o."roleId" IN (SELECT "roleId" FROM held WHERE "roleId" IS NOT NULL))
     ORDER BY 1, 2`,
  );
  return rows.map((r) => ({
    entitlementId: r[0] as string,
    ruleName: r[1] as string,
    severity: r[2] as TCatalogConflict['severity'],
  }));
}
