import type { TPrisma } from '../../server/db/client.ts';

/** Words entitlement names are made of; a search for one of the rarer ones finds few among 100,000. */
const NOUNS = [
  'Payments',
  'Ledger',
  'Payroll',
  'Reports',
  'Deploy',
  'Billing',
  'Support',
  'Records',
  'Vault',
  'Analytics',
];
const VERBS = ['read', 'write', 'admin', 'approve', 'export', 'audit', 'operate', 'review'];

/**
 * A catalog at scale, set-based in SQL: 40 applications (two disabled), `entitlements` requestable
 * entitlements named "<Noun> <verb> <n>" with a sentence of description, 5% not requestable, spread
 * over the applications, `roles` roles of 5 entitlements, 300 SoD rules over the first 2,000
 * entitlements; and the person browsing: 40 entitlements and 3 roles held, 5 requests pending.
 */
export async function seedCatalogData(
  db: TPrisma,
  size: { entitlements: number; roles: number },
  browserId: string,
) {
  await db.$executeRawUnsafe(`SELECT setseed(0.7)`);
  await db.$executeRaw`
    INSERT INTO "Application" (id, key, name, "connectorType", enabled, "updatedAt")
    SELECT gen_random_uuid(), 'cat-app-' || n, (ARRAY['Finance', 'Corporate', 'Cloud', 'Sales', 'People'])[1 + n % 5] || ' system ' || lpad(n::text, 2, '0'),
           'LDAP', n NOT IN (7, 23), now()
      FROM generate_series(1, 40) n`;
  await db.$executeRaw`
    WITH apps AS (SELECT array_agg(id ORDER BY key) AS ids FROM "Application" WHERE key LIKE 'cat-app-%')
    INSERT INTO "Entitlement" (id, "applicationId", "externalId", name, description, risk, requestable, "updatedAt")
    SELECT gen_random_uuid(), apps.ids[1 + n % 40], 'cn=c' || n,
           (${NOUNS}::text[])[1 + n % 10] || ' ' || (${VERBS}::text[])[1 + (n / 10) % 8] || ' ' || n,
           'Lets its holder ' || (${VERBS}::text[])[1 + (n / 10) % 8] || ' ' || lower((${NOUNS}::text[])[1 + n % 10]) || ' in region ' || (n % 97),
           (ARRAY['LOW','MEDIUM','HIGH']::"RiskLevel"[])[1 + n % 3], n % 20 <> 0, now()
      FROM generate_series(1, ${size.entitlements}) n, apps`;
  await db.$executeRaw`
    INSERT INTO "Role" (id, key, name, description, "updatedAt")
    SELECT gen_random_uuid(), 'cat-role-' || r, (${NOUNS}::text[])[1 + r % 10] || ' team ' || r, 'Everything a ' || lower((${NOUNS}::text[])[1 + r % 10]) || ' team member needs', now()
      FROM generate_series(1, ${size.roles}) r`;
  await db.$executeRaw`
    INSERT INTO "RoleEntitlement" ("roleId", "entitlementId")
    SELECT ro.id, e.id FROM generate_series(1, ${size.roles}) r JOIN "Role" ro ON ro.key = 'cat-role-' || r
      JOIN generate_series(1, 5) k ON true JOIN "Entitlement" e ON e."externalId" = 'cn=c' || (1 + ((r * 5 + k) * 7919) % ${size.entitlements})`;
  await db.$executeRaw`
    INSERT INTO "Grant" (id, "identityId", "entitlementId", source, "sourceRef", "startsAt", "updatedAt")
    SELECT gen_random_uuid(), ${browserId}::uuid, e.id, 'REQUEST', 'bench', now() - interval '1 day', now()
      FROM "Entitlement" e WHERE e."externalId" IN (SELECT 'cn=c' || (n * 37) FROM generate_series(1, 40) n)`;
  await db.$executeRaw`
    INSERT INTO "Grant" (id, "identityId", "roleId", source, "startsAt", "updatedAt")
    SELECT gen_random_uuid(), ${browserId}::uuid, id, 'REQUEST', now() - interval '1 day', now() FROM "Role" WHERE key IN ('cat-role-3', 'cat-role-30', 'cat-role-300')`;
  await db.$executeRaw`
    INSERT INTO "AccessRequest" (id, "batchId", "requesterId", "beneficiaryId", "entitlementId", justification, status, "updatedAt")
    SELECT gen_random_uuid(), gen_random_uuid(), ${browserId}::uuid, ${browserId}::uuid, e.id, 'bench', 'PENDING', now()
      FROM generate_series(1, 5) n JOIN "Entitlement" e ON e."externalId" = 'cn=c' || (n * 41)`;
  await db.$executeRaw`
    INSERT INTO "SodRule" (id, name, severity, "updatedAt")
    SELECT gen_random_uuid(), 'Catalog rule ' || n, CASE WHEN n % 10 = 0 THEN 'BLOCK'::"SodSeverity" ELSE 'MITIGATABLE'::"SodSeverity" END, now()
      FROM generate_series(1, 300) n`;
  await db.$executeRaw`
    INSERT INTO "SodRuleItem" (id, "ruleId", side, "entitlementId")
    SELECT gen_random_uuid(), r.id, s.side, e.id FROM "SodRule" r CROSS JOIN (VALUES ('A'), ('B')) s(side)
      JOIN "Entitlement" e ON e."externalId" = 'cn=c' || (1 + abs(hashtext(r.name || s.side)) % 2000)
     WHERE r.name LIKE 'Catalog rule %'`;
  for (const table of [
    'Application',
    'Entitlement',
    'Role',
    'RoleEntitlement',
    'Grant',
    'AccessRequest',
    'SodRuleItem',
  ])
    await db.$executeRawUnsafe(`VACUUM ANALYZE "${table}"`);
}
