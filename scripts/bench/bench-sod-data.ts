import { Prisma, type TPrisma } from '../../server/db/client.ts';

export const SOD_CATALOG = 4000;
const ROLES = 200;

/**
 * People, access and SoD rules at detective-scan scale, set-based in SQL: `people` identities each
 * holding 12 of 4,000 entitlements (directly, by birthright or on request) and every second one a
 * role of 5 more; `rules` rules of 1-3 items a side over the catalog, 10% blocking, every tenth with a
 * role on side A (as bench:request draws them). About a fifth of everyone breaks some rule.
 */
export async function seedSodData(db: TPrisma, size: { people: number; rules: number }) {
  await db.$executeRawUnsafe(`SELECT setseed(0.42)`);
  await db.$executeRaw`
    INSERT INTO "Application" (id, key, name, "connectorType", "updatedAt")
    VALUES (gen_random_uuid(), 'bench-sod-app', 'Bench SoD application', 'LDAP', now())`;
  await db.$executeRaw`
    INSERT INTO "Entitlement" (id, "applicationId", "externalId", name, risk, "updatedAt")
    SELECT gen_random_uuid(), a.id, 'cn=e' || n, 'Entitlement ' || n, (ARRAY['LOW','MEDIUM','HIGH']::"RiskLevel"[])[1 + n % 3], now()
      FROM generate_series(1, ${SOD_CATALOG}) n, "Application" a WHERE a.key = 'bench-sod-app'`;
  await db.$executeRaw`
    INSERT INTO "Role" (id, key, name, "updatedAt") SELECT gen_random_uuid(), 'sod-role-' || r, 'Role ' || r, now() FROM generate_series(1, ${ROLES}) r`;
  await db.$executeRaw`
    INSERT INTO "RoleEntitlement" ("roleId", "entitlementId")
    SELECT ro.id, e.id FROM generate_series(1, ${ROLES}) r JOIN "Role" ro ON ro.key = 'sod-role-' || r
      JOIN generate_series(1, 5) k ON true JOIN "Entitlement" e ON e."externalId" = 'cn=e' || (1 + ((r - 1) * 5 + k * 797) % ${SOD_CATALOG})`;
  await db.$executeRaw`
    INSERT INTO "Identity" (id, "employeeNumber", username, email, "firstName", "lastName", "displayName", department, title, status, origin, "updatedAt")
    SELECT gen_random_uuid(), 'S' || n, 'sod.' || n, 'sod.' || n || '@example.test', 'Sod', 'Person ' || n, 'Sod Person ' || n,
           'Finance', 'Analyst', 'ACTIVE', 'HR_CSV', now()
      FROM generate_series(1, ${size.people}) n`;
  await db.$executeRaw`
    INSERT INTO "Identity" (id, username, email, "firstName", "lastName", "displayName", status, origin, "updatedAt")
    VALUES (gen_random_uuid(), 'sod-officer', 'sod-officer@example.test', 'Sol', 'Officer', 'Sol Officer', 'ACTIVE', 'SEED', now()),
           (gen_random_uuid(), 'sod-admin', 'sod-admin@example.test', 'Ada', 'Admin', 'Ada Admin', 'ACTIVE', 'SEED', now())`;
  await db.$executeRaw`
    INSERT INTO "IdentityPortalRole" ("identityId", role)
    SELECT id, CASE username WHEN 'sod-officer' THEN 'SECURITY_OFFICER' ELSE 'IDENTITY_ADMIN' END::"PortalRole"
      FROM "Identity" WHERE username IN ('sod-officer', 'sod-admin')`;
  const people = await db.$queryRaw<
    Array<{ id: string }>
  >`SELECT id::text FROM "Identity" WHERE username LIKE 'sod.%' ORDER BY username`;
  await db.$executeRaw`
    WITH p AS (SELECT id, row_number() OVER () AS n FROM unnest(${people.map((p) => p.id)}::uuid[]) id),
         e AS (SELECT id, row_number() OVER (ORDER BY "externalId") AS n FROM "Entitlement")
    INSERT INTO "Grant" (id, "identityId", "entitlementId", source, "sourceRef", "startsAt", "updatedAt")
    SELECT gen_random_uuid(), p.id, e.id, (ARRAY['ADMIN','BIRTHRIGHT','REQUEST']::"GrantSource"[])[1 + k % 3], 'bench-' || k,
           now() - interval '30 days', now()
      FROM p CROSS JOIN generate_series(1, 12) k
      JOIN e ON e.n = 1 + abs(hashtext(p.n || ':' || k)) % ${SOD_CATALOG}`;
  await db.$executeRaw`
    WITH p AS (SELECT id, row_number() OVER () AS n FROM unnest(${people.map((p) => p.id)}::uuid[]) id),
         r AS (SELECT id, row_number() OVER (ORDER BY key) AS n FROM "Role")
    INSERT INTO "Grant" (id, "identityId", "roleId", source, "startsAt", "updatedAt")
    SELECT gen_random_uuid(), p.id, r.id, 'REQUEST', now() - interval '30 days', now()
      FROM p JOIN r ON r.n = 1 + abs(hashtext('role' || p.n)) % ${ROLES} WHERE p.n % 2 = 0`;
  await db.$executeRaw`
    INSERT INTO "SodRule" (id, name, severity, "updatedAt")
    SELECT gen_random_uuid(), 'Rule ' || n, CASE WHEN n % 10 = 0 THEN 'BLOCK'::"SodSeverity" ELSE 'MITIGATABLE'::"SodSeverity" END, now()
      FROM generate_series(1, ${size.rules}) n`;
  await db.$executeRaw`
    WITH picks AS (
      SELECT r.id AS rule_id, s.side, 1 + floor(random() * ${SOD_CATALOG})::int AS n
        FROM "SodRule" r CROSS JOIN (VALUES ('A'), ('B')) s(side) CROSS JOIN generate_series(1, 3) k
       WHERE k <= 1 + abs(hashtext(r.id::text || s.side)) % 3
    )
    INSERT INTO "SodRuleItem" (id, "ruleId", side, "entitlementId")
    SELECT DISTINCT ON (p.rule_id, e.id) gen_random_uuid(), p.rule_id, p.side, e.id
      FROM picks p JOIN "Entitlement" e ON e."externalId" = 'cn=e' || p.n`;
  await db.$executeRaw`
    INSERT INTO "SodRuleItem" (id, "ruleId", side, "roleId")
    SELECT gen_random_uuid(), r.id, 'A', ro.id FROM "SodRule" r JOIN "Role" ro ON ro.key = 'sod-role-' || (1 + abs(hashtext(r.name)) % ${ROLES})
     WHERE r.name LIKE 'Rule %5'`;
  for (const table of [
    'Identity',
    'Grant',
    'Entitlement',
    'Role',
    'RoleEntitlement',
    'SodRule',
    'SodRuleItem',
  ])
    await db.$executeRawUnsafe(`VACUUM ANALYZE "${table}"`);
}

/**
 * Mitigating controls for the first `count` mitigatable violations: half expire between the first scan
 * and the later ones, so the later scans raise them again (the lapsed path), half stay in force.
 */
export async function seedMitigations(db: TPrisma, count: number, lapseAt: Date, farAway: Date) {
  await db.$executeRaw`
    INSERT INTO "SodMitigation" (id, "ruleId", "identityId", control, "expiresAt", "createdById")
    SELECT gen_random_uuid(), v."ruleId", v."identityId", 'Quarterly review', CASE WHEN row_number() OVER (ORDER BY v."identityId", v."ruleId") % 2 = 0 THEN ${lapseAt.toISOString()}::timestamp(3) ELSE ${farAway.toISOString()}::timestamp(3) END,
           (SELECT id FROM "Identity" WHERE username = 'sod-officer')
      FROM (${rawViolations(new Date())}) v JOIN "SodRule" r ON r.id = v."ruleId" AND r.severity = 'MITIGATABLE'
     ORDER BY v."identityId", v."ruleId" LIMIT ${count}`;
}

/**
 * The floor: the one raw SQL statement that finds every (person, rule) in violation now, what the
 * scan must find before it explains and records them.
 */
export function rawViolations(now: Date) {
  return Prisma.sql`
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
    SELECT hits."identityId", hits."ruleId" FROM hits JOIN "SodRule" r ON r.id = hits."ruleId" AND r.enabled
     GROUP BY hits."identityId", hits."ruleId" HAVING count(DISTINCT hits.side) = 2`;
}
