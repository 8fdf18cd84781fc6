import type { TPrisma } from '../../server/db/client.ts';

const FIRST = [
  'Ada',
  'Ben',
  'Cara',
  'Dev',
  'Eli',
  'Fay',
  'Gus',
  'Hana',
  'Ivo',
  'Jin',
  'Kai',
  'Lena',
  'Milo',
  'Nia',
  'Oren',
  'Pia',
  'Quin',
  'Rosa',
  'Sami',
  'Tove',
];
const LAST = [
  'Abbott',
  'Baker',
  'Chen',
  'Diaz',
  'Evans',
  'Fischer',
  'Garcia',
  'Haddad',
  'Ito',
  'Jensen',
  'Kowalski',
  'Larsen',
  'Moreau',
  'Nakamura',
  'Okafor',
  'Patel',
  'Quinn',
  'Roberts',
  'Silva',
  'Tanaka',
];
const DEPARTMENTS = [
  'Engineering',
  'Finance',
  'Legal',
  'Marketing',
  'Operations',
  'People',
  'Sales',
  'Support',
];

/**
 * People and provisioning history at list-page scale, set-based in SQL (one INSERT … SELECT each):
 * `people` identities (names from 20 × 20 × a number, so a last name matches one in twenty; 2% leavers;
 * the first thousand manage the rest), 12 applications, and `operations` operations over the last 30
 * days (96% succeeded, 1% each no-op, failed under five causes, pending and cancelled).
 */
export async function seedListData(db: TPrisma, size: { people: number; operations: number }) {
  await db.$executeRaw`
    INSERT INTO "Application" (id, key, name, "connectorType", "updatedAt")
    SELECT gen_random_uuid(), 'bench-app-' || n, 'Bench application ' || lpad(n::text, 2, '0'), 'LDAP', now() FROM generate_series(1, 12) n`;
  await db.$executeRaw`
    INSERT INTO "Identity" (id, "employeeNumber", username, email, "firstName", "lastName", "displayName", department, title, status, origin, "updatedAt")
    SELECT gen_random_uuid(), 'B' || n, 'bench.' || n, 'bench.' || n || '@example.test',
           (${FIRST}::text[])[1 + n % 20], (${LAST}::text[])[1 + (n / 20) % 20] || ' ' || n,
           (${FIRST}::text[])[1 + n % 20] || ' ' || (${LAST}::text[])[1 + (n / 20) % 20] || ' ' || n,
           (${DEPARTMENTS}::text[])[1 + n % 8], 'Analyst',
           (CASE WHEN n % 50 = 0 THEN 'TERMINATED' ELSE 'ACTIVE' END)::"IdentityStatus", 'HR_CSV', now()
      FROM generate_series(1, ${size.people}) n`;
  await db.$executeRaw`
    WITH managers AS (SELECT id, row_number() OVER (ORDER BY id) AS k FROM "Identity" WHERE username LIKE 'bench.%' ORDER BY id LIMIT 1000)
    UPDATE "Identity" i SET "managerId" = m.id
      FROM managers m WHERE i.username LIKE 'bench.%' AND m.k = 1 + (hashtext(i.id::text) & 1023) % 1000 AND i.id <> m.id`;
  await db.$executeRaw`
    WITH apps AS (SELECT array_agg(id ORDER BY key) AS ids FROM "Application" WHERE key LIKE 'bench-app-%'),
         people AS (SELECT array_agg(id) AS ids FROM (SELECT id FROM "Identity" WHERE username LIKE 'bench.%' LIMIT 20000) p),
         s AS (SELECT n, now() - (n::float8 / ${size.operations}) * interval '30 days' AS at,
                      CASE WHEN n % 100 < 96 THEN 'SUCCEEDED' WHEN n % 100 = 96 THEN 'NOOP' WHEN n % 100 = 97 THEN 'FAILED' WHEN n % 100 = 98 THEN 'PENDING' ELSE 'CANCELLED' END AS status
                 FROM generate_series(1, ${size.operations}) n)
    INSERT INTO "ProvisioningOperation" (id, "applicationId", "identityId", kind, status, reason, attempts, outcome, "errorKind", "lastError", "failureCause", "createdAt", "finishedAt")
    SELECT gen_random_uuid(), apps.ids[1 + s.n % 12], people.ids[1 + s.n % 20000], 'ADD_ENTITLEMENT', s.status::"OperationStatus", 'BIRTHRIGHT',
           CASE WHEN s.status = 'PENDING' THEN 0 ELSE 1 END,
           CASE s.status WHEN 'SUCCEEDED' THEN 'applied' WHEN 'NOOP' THEN 'noop' END,
           CASE WHEN s.status = 'FAILED' THEN 'PERMANENT' END,
           CASE WHEN s.status = 'FAILED' THEN 'The target refused the change (' || s.n % 5 || ')' END,
           CASE WHEN s.status = 'FAILED' THEN 'cause ' || s.n % 5 END,
           s.at, CASE WHEN s.status IN ('SUCCEEDED', 'NOOP', 'FAILED', 'CANCELLED') THEN s.at + interval '2 seconds' END
      FROM s, apps, people
     ORDER BY s.n DESC`;
}

/**
 * What autovacuum does to a table that has settled: statistics for the planner and a visibility map,
 * without which every index-only scan (the capped counts, the overview's counts) reads the heap too.
 * Freshly generated rows have neither; a portal that has run a day has both.
 */
export async function settleListData(db: TPrisma) {
  for (const table of ['Identity', 'Application', 'ProvisioningOperation'])
    await db.$executeRawUnsafe(`VACUUM ANALYZE "${table}"`);
}
