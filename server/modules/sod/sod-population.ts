import { Prisma, type TDb } from '@/server/db/client.ts';
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

/**
 * Every (person, rule) where the person holds both sides of an enabled rule now, among `identityIds`
 * (everyone when absent): the detective scan's candidates with the rules each breaks, so that their
 * checks load only those rules' items. One aggregation over every (person, rule, side) a holding
 * touches (about 80 a person at scan scale), with the sides as flags rather than a UNION that would
 * deduplicate them first: the scan asks a page of people at a time, so the aggregation stays in
 * memory instead of spilling millions of rows to disk.
 */
export async function violationPairs(
  db: TDb,
  now: Date,
  identityIds?: readonly string[],
): Promise<Array<{ identityId: string; ruleId: string }>> {
  return db.$queryRaw<Array<{ identityId: string; ruleId: string }>>`
    WITH items AS (
      SELECT i."ruleId", i.side, i."entitlementId", i."roleId"
        FROM "SodRuleItem" i JOIN "SodRule" r ON r.id = i."ruleId" AND r.enabled
    ),
    held AS (
      SELECT g."identityId", COALESCE(g."entitlementId", re."entitlementId") AS ent, g."roleId" AS role
        FROM "Grant" g LEFT JOIN "RoleEntitlement" re ON re."roleId" = g."roleId"
       WHERE g.status = 'ACTIVE' AND g."startsAt" <= ${now} AND (g."endsAt" IS NULL OR g."endsAt" > ${now})
         ${identityIds ? Prisma.sql`AND g."identityId" = ANY(${identityIds}::uuid[])` : Prisma.empty}
    ),
    hits AS (
      SELECT h."identityId", i."ruleId", i.side FROM held h JOIN items i ON i."entitlementId" = h.ent
      UNION ALL
      SELECT h."identityId", i."ruleId", i.side FROM held h JOIN items i ON i."roleId" = h.role
    )
    SELECT "identityId"::text, "ruleId"::text FROM hits
     GROUP BY "identityId", "ruleId" HAVING bool_or(side = 'A') AND bool_or(side = 'B')
     ORDER BY "identityId"`;
}
