// Generated data for bench:reports, in SQL (INSERT … SELECT generate_series): people, a catalog,
// birthright, roles whose contents changed, requests with their approvals, grants (live, revoked,
// expired, expiring) and the membership periods the targets confirmed.
import type { TPrisma } from '../../server/db/client.ts';

const APPS = 20;
const PER_APP = 100;
const ROLES = 200;
const DEPARTMENTS = ['Finance', 'Engineering', 'Sales', 'People', 'Operations', 'Marketing'];

export async function seedReportData(db: TPrisma, o: { people: number; log: (m: string) => void }) {
  const N = o.people;
  const q = (sql: string) => db.$executeRawUnsafe(sql);
  const step = async (what: string, sql: string) => {
    const t = Date.now();
    await q(sql);
    o.log(`  ${what} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  };
  await q(`SELECT setseed(0.42)`);
  await q(`CREATE TABLE bench_ent (n int PRIMARY KEY, id uuid NOT NULL)`);
  await q(`CREATE TABLE bench_person (n int PRIMARY KEY, id uuid NOT NULL)`);
  await q(`CREATE TABLE bench_role (n int PRIMARY KEY, id uuid NOT NULL)`);

  await step(
    'applications and entitlements',
    `
    WITH a AS (INSERT INTO "Application" (id, key, name, "connectorType", "updatedAt")
      SELECT gen_random_uuid(), 'app-' || a, 'Application ' || lpad(a::text, 2, '0'), 'LDAP', now() FROM generate_series(1, ${APPS}) a RETURNING id, key)
    INSERT INTO bench_ent SELECT n, gen_random_uuid() FROM generate_series(1, ${APPS * PER_APP}) n`,
  );
  await q(`
    INSERT INTO "Entitlement" (id, "applicationId", "externalId", name, risk, "updatedAt")
    SELECT b.id, a.id, 'cn=e' || b.n, 'Entitlement ' || lpad(b.n::text, 4, '0'),
           (CASE WHEN b.n % 10 = 0 THEN 'HIGH' WHEN b.n % 10 IN (1, 2, 3) THEN 'MEDIUM' ELSE 'LOW' END)::"RiskLevel", now()
      FROM bench_ent b JOIN "Application" a ON a.key = 'app-' || (1 + (b.n - 1) / ${PER_APP})`);

  await step(
    `${N.toLocaleString('en')} identities`,
    `
    WITH p AS (INSERT INTO bench_person SELECT n, gen_random_uuid() FROM generate_series(1, ${N}) n RETURNING n, id)
    INSERT INTO "Identity" (id, username, email, "firstName", "lastName", "displayName", department, status, "terminatedAt", "updatedAt")
    SELECT p.id, 'u' || p.n, 'u' || p.n || '@bench.test', f, l, f || ' ' || l || ' ' || p.n,
           (ARRAY[${DEPARTMENTS.map((d) => `'${d}'`).join(',')}])[1 + p.n % ${DEPARTMENTS.length}],
           (CASE WHEN p.n % 33 = 0 THEN 'TERMINATED' ELSE 'ACTIVE' END)::"IdentityStatus", CASE WHEN p.n % 33 = 0 THEN now() - interval '30 days' END, now()
      FROM p, LATERAL (SELECT (ARRAY['Ana','Ben','Chloé','Dmitri','Eva','Farid','Grete','Hiro','Inès','Jonas','Kemal','Lúcia','Mats','Nia','Olu','Pía'])[1 + (p.n * 7) % 16] AS f,
                              (ARRAY['Silva','Müller','Okafor','Nguyen','García','Kowalski','Ångström','O''Neil','Rossi','Dubois','Haddad','Tanaka'])[1 + (p.n * 13) % 12] AS l) names`,
  );

  // Roles of 5 entitlements (e101..e1100); a quarter changed contents a year ago: their fifth entitlement was another.
  await step(
    'roles and their history',
    `
    WITH r AS (INSERT INTO bench_role SELECT n, gen_random_uuid() FROM generate_series(1, ${ROLES}) n RETURNING n, id)
    INSERT INTO "Role" (id, key, name, "updatedAt") SELECT id, 'role-' || n, 'Role ' || lpad(n::text, 3, '0'), now() FROM r`,
  );
  await q(`
    INSERT INTO "RoleEntitlement" ("roleId", "entitlementId")
    SELECT r.id, e.id FROM bench_role r CROSS JOIN generate_series(1, 5) k JOIN bench_ent e ON e.n = 100 + (r.n - 1) * 5 + k`);
  await q(`UPDATE "RoleEntitlementPeriod" SET "startedAt" = now() - interval '800 days'`);
  await q(`
    UPDATE "RoleEntitlementPeriod" rp SET "startedAt" = now() - interval '365 days'
      FROM bench_role r JOIN bench_ent e ON e.n = 100 + (r.n - 1) * 5 + 5
     WHERE rp."roleId" = r.id AND rp."entitlementId" = e.id AND r.n % 4 = 0`);
  await q(`
    INSERT INTO "RoleEntitlementPeriod" (id, "roleId", "entitlementId", "startedAt", "endedAt")
    SELECT gen_random_uuid(), r.id, e.id, now() - interval '800 days', now() - interval '365 days'
      FROM bench_role r JOIN bench_ent e ON e.n = 1200 + r.n WHERE r.n % 4 = 0`);

  // Birthright: everyone holds e1 (rule "Everyone"), and their department's entitlement (e2..e7).
  await q(
    `INSERT INTO "BirthrightRule" (id, name, condition, "updatedAt") SELECT gen_random_uuid(), 'Rule ' || k, '{"match":"ALL","clauses":[]}', now() FROM generate_series(0, 6) k`,
  );

  // Every grant, staged with its person and item: two birthright grants each, and eight more: a
  // business role (60% of the first two), else an entitlement, popular ones more often; 15% revoked,
  // 2% expired, 5% ending within the next 180 days.
  await step(
    'grants staged',
    `
    CREATE TABLE bench_grant AS
    WITH base AS (
      SELECT p.n AS pn, p.id AS identity_id, k, random() AS r1, random() AS r2, random() AS r3 FROM bench_person p CROSS JOIN generate_series(1, 10) k
    ), kinds AS (
      SELECT *, CASE WHEN k <= 2 THEN 'birthright' WHEN k <= 4 AND r1 < 0.6 THEN 'role' ELSE 'direct' END AS kind FROM base
    ), numbered AS (
      SELECT *,
             CASE kind WHEN 'birthright' THEN (CASE WHEN k = 1 THEN 1 ELSE 2 + pn % 6 END) WHEN 'direct' THEN 101 + floor(1899 * r1 * r1)::int END AS ent_n,
             CASE WHEN kind = 'role' THEN 1 + floor(r1 / 0.6 * ${ROLES})::int END AS role_n
        FROM kinds
    )
    SELECT gen_random_uuid() AS id, x.identity_id, x.pn, e.id AS ent_id, r.id AS role_id,
           CASE WHEN kind = 'birthright' THEN 'BIRTHRIGHT' WHEN kind = 'role' THEN 'ADMIN' WHEN k <= 6 THEN 'REQUEST' ELSE 'ADMIN' END::"GrantSource" AS source,
           CASE WHEN kind = 'birthright' THEN (CASE WHEN k = 1 THEN 0 ELSE 1 + pn % 6 END) END AS rule_n,
           (now() - r2 * interval '730 days')::timestamp(3) AS starts_at,
           CASE WHEN kind <> 'birthright' AND r3 < 0.15 THEN 'REVOKED' WHEN kind <> 'birthright' AND r3 < 0.17 THEN 'EXPIRED' ELSE 'ACTIVE' END::"GrantStatus" AS status,
           kind, r3
      FROM numbered x LEFT JOIN bench_ent e ON e.n = x.ent_n LEFT JOIN bench_role r ON r.n = x.role_n`,
  );
  // One active grant per person, item and cause (db_grant_active_unique): a second one is an earlier grant, revoked.
  await q(`CREATE INDEX ON bench_grant (identity_id)`);
  await q(`
    UPDATE bench_grant b SET status = 'REVOKED' FROM bench_grant c
     WHERE b.identity_id = c.identity_id AND COALESCE(b.ent_id, b.role_id) = COALESCE(c.ent_id, c.role_id) AND b.source = c.source
       AND b.source <> 'REQUEST' AND b.status = 'ACTIVE' AND c.status = 'ACTIVE' AND b.id > c.id`);
  await q(`ALTER TABLE bench_grant ADD COLUMN ends_at timestamp(3), ADD COLUMN ended_at timestamp(3)`);
  await q(
    `UPDATE bench_grant SET ended_at = starts_at + (now() - starts_at) * (CASE WHEN r3 < 0.17 THEN r3 / 0.17 ELSE 0.5 END) WHERE status <> 'ACTIVE'`,
  );
  await q(`UPDATE bench_grant SET ends_at = ended_at WHERE status = 'EXPIRED'`);
  await q(
    `UPDATE bench_grant SET ends_at = now() + ((r3 - 0.17) / 0.05) * interval '180 days' WHERE status = 'ACTIVE' AND kind <> 'birthright' AND r3 >= 0.17 AND r3 < 0.22`,
  );

  await step(
    'requests with their stage and decision',
    `
    CREATE TABLE bench_req AS SELECT gen_random_uuid() AS id, g.id AS grant_id, g.identity_id, g.ent_id, g.role_id, g.starts_at,
      (SELECT id FROM bench_person WHERE n = 1 + (g.pn * 31) % ${N}) AS approver FROM bench_grant g WHERE g.source = 'REQUEST'`,
  );
  await q(`
    INSERT INTO "AccessRequest" (id, "batchId", "requesterId", "beneficiaryId", "entitlementId", "roleId", "grantId", justification, status, "decidedAt", "createdAt", "updatedAt")
    SELECT id, id, identity_id, identity_id, ent_id, role_id, NULL, 'Needed for project ' || left(id::text, 4), 'APPROVED', starts_at, starts_at - interval '1 day', starts_at FROM bench_req`);
  await q(`
    INSERT INTO "ApprovalStage" (id, "requestId", position, name, status, "decidedAt", "createdAt")
    SELECT gen_random_uuid(), id, 0, 'Manager approval', 'APPROVED', starts_at, starts_at - interval '1 day' FROM bench_req`);
  await q(`
    INSERT INTO "ApprovalStep" (id, "stageId", "requestId", "approverId", reason, status, "decidedById", comment, "decidedAt", "createdAt")
    SELECT gen_random_uuid(), s.id, r.id, r.approver, 'MANAGER', 'APPROVED', r.approver, 'ok', r.starts_at, r.starts_at - interval '1 day'
      FROM bench_req r JOIN "ApprovalStage" s ON s."requestId" = r.id`);

  await step(
    'grants written',
    `
    INSERT INTO "Grant" (id, "identityId", "entitlementId", "roleId", source, "sourceRef", status, "startsAt", "endsAt", "revokedAt", "endedAt", "createdAt", "updatedAt")
    SELECT g.id, g.identity_id, g.ent_id, g.role_id, g.source,
           CASE WHEN g.source = 'REQUEST' THEN r.id::text WHEN g.source = 'BIRTHRIGHT' THEN (SELECT id::text FROM "BirthrightRule" WHERE name = 'Rule ' || g.rule_n) END,
           g.status, g.starts_at, g.ends_at, CASE WHEN g.status = 'REVOKED' THEN g.ended_at END, g.ended_at, g.starts_at, g.starts_at
      FROM bench_grant g LEFT JOIN bench_req r ON r.grant_id = g.id`,
  );
  await q(`UPDATE "AccessRequest" a SET "grantId" = r.grant_id FROM bench_req r WHERE a.id = r.id`);

  // Accounts where people hold direct entitlements, and the memberships the targets confirmed a minute after each grant.
  await step(
    'accounts and membership periods',
    `
    INSERT INTO "Account" (id, "applicationId", "identityId", username, "nativeId", "updatedAt")
    SELECT gen_random_uuid(), x.app, x.identity_id, 'u' || x.pn, 'uid=u' || x.pn || ',' || x.app, now()
      FROM (SELECT DISTINCT e."applicationId" AS app, g.identity_id, g.pn FROM bench_grant g JOIN "Entitlement" e ON e.id = g.ent_id) x`,
  );
  await q(`
    INSERT INTO "AccountEntitlementPeriod" (id, "accountId", "entitlementId", "startedAt", "confirmedAt", "endedAt")
    SELECT gen_random_uuid(), a.id, g.ent_id, g.starts_at, g.starts_at + interval '1 minute', g.ended_at + interval '1 minute'
      FROM bench_grant g JOIN "Entitlement" e ON e.id = g.ent_id JOIN "Account" a ON a."applicationId" = e."applicationId" AND a."identityId" = g.identity_id`);
  await step('ANALYZE', 'ANALYZE');

  const count = async (sql: string) => Number((await db.$queryRawUnsafe<Array<{ n: bigint }>>(sql))[0]!.n);
  const counts = {
    grants: await count(`SELECT count(*) AS n FROM "Grant"`),
    revoked: await count(`SELECT count(*) AS n FROM "Grant" WHERE status <> 'ACTIVE'`),
    requests: await count(`SELECT count(*) AS n FROM "AccessRequest"`),
    periods: await count(`SELECT count(*) AS n FROM "AccountEntitlementPeriod"`),
    entitlements: APPS * PER_APP,
    roles: ROLES,
    changedRoles: ROLES / 4,
  };
  const ids = (sql: string) =>
    db.$queryRawUnsafe<Array<{ id: string }>>(sql).then((rows) => rows.map((r) => r.id));
  return {
    counts,
    dense: await ids(`SELECT id::text FROM bench_ent WHERE n <= 7 ORDER BY n`),
    entitlements: await ids(`SELECT id::text FROM bench_ent WHERE n > 100 AND n % 4 = 1 ORDER BY n`),
    people: await ids(
      `SELECT id::text FROM bench_person WHERE n % ${Math.max(1, Math.floor(N / 1000))} = 0 ORDER BY n`,
    ),
  };
}
