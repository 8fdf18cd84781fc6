import type { TDb } from '@/server/db/client.ts';
import type { TSodRef } from './sod-evaluation.ts';

/** People who hold, through a grant in force (directly or through a role), any of these items. */
export async function holdersOf(db: TDb, refs: readonly TSodRef[], now: Date): Promise<string[]> {
  const ents = refs.filter((r) => r.kind === 'ENTITLEMENT').map((r) => r.id);
  const roles = refs.filter((r) => r.kind === 'ROLE').map((r) => r.id);
  const rows = await db.$queryRaw<Array<{ identityId: string }>>`
    SELECT DISTINCT g."identityId"::text FROM "Grant" g
      LEFT JOIN "RoleEntitlement" re ON re."roleId" = g."roleId"
     WHERE g.status = 'ACTIVE' AND g."startsAt" <= ${now} AND (g."endsAt" IS NULL OR g."endsAt" > ${now})
       AND (g."entitlementId" = ANY(${ents}::uuid[]) OR re."entitlementId" = ANY(${ents}::uuid[]) OR g."roleId" = ANY(${roles}::uuid[]))`;
  return rows.map((r) => r.identityId);
}

/** People who hold both sides of some enabled rule now: the detective scan's candidates. */
export async function peopleInViolation(db: TDb, now: Date): Promise<string[]> {
  const rows = await db.$queryRaw<Array<{ identityId: string }>>`
    WITH held AS (
      SELECT g."identityId", COALESCE(g."entitlementId", re."entitlementId") AS ent, g."roleId" AS role
        FROM "Grant" g LEFT JOIN "RoleEntitlement" re ON re."roleId" = g."roleId"
       WHERE g.status = 'ACTIVE' AND g."startsAt" <= ${now} AND (g."endsAt" IS NULL OR g."endsAt" > ${now})
    ),
    hits AS (
      SELECT h."identityId", i."ruleId", i.side FROM held h JOIN "SodRuleItem" i ON i."entitlementId" = h.ent
      UNION
      SELECT h."identityId", i."ruleId", i.side FROM held h JOIN "SodRuleItem" i ON i."roleId" = h.role
    )
    SELECT DISTINCT hits."identityId"::text FROM hits JOIN "SodRule" r ON r.id = hits."ruleId" AND r.enabled
     GROUP BY hits."identityId", hits."ruleId" HAVING count(DISTINCT hits.side) = 2`;
  return rows.map((r) => r.identityId);
}
