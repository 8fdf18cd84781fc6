import crypto from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '@/server/auth/actor.ts';
import { recordAuditEvent, runAuditVerification, sealAuditLog } from '@/server/modules/audit/index.ts';
import { checkDatabaseRole } from '@/server/modules/health/index.ts';
import { createBoss } from '@/server/queue/boss.ts';
import { createIdentity } from '@/server/seed/factories.ts';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/test-database.ts';
import { ensureAppRole } from './app-role.ts';
import type { TPrisma } from './client.ts';

let db: TTestDatabase;
/** The test database's default client: the portal's role (docs/decisions/106). */
let app: TPrisma;
beforeAll(async () => {
  db = await createTestDatabase();
  app = db.prisma;
});
afterAll(async () => {
  await db?.drop();
});

/** Runs statements on one connection as `url`'s role; the error's SQLSTATE, or 'ok'. */
async function attempt(url: string, ...statements: string[]): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const sql of statements) await client.query(sql);
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code ?? (error as Error).message;
  } finally {
    await client.end();
  }
}

const DENIED = '42501'; // insufficient_privilege

describe('the portal’s database role', () => {
  it('cannot rewrite the audit trail, its seals or its verifications, nor switch off what guards them', async () => {
    await recordAuditEvent(app, {
      actor: systemActor('WORKER'),
      action: 'report.exported',
      entityType: 'Report',
      entityId: '1',
      metadata: { filters: { a: '1' }, format: 'csv' },
    });
    await sealAuditLog(app);
    await runAuditVerification(app, { trigger: 'CLI' });
    expect(await app.auditEvent.count()).toBeGreaterThan(0);

    const tries = {
      'UPDATE AuditEvent': `UPDATE "AuditEvent" SET "action" = 'x'`,
      'DELETE AuditEvent': `DELETE FROM "AuditEvent"`,
      'TRUNCATE AuditEvent': `TRUNCATE "AuditEvent" CASCADE`,
      'UPDATE AuditSeal': `UPDATE "AuditSeal" SET seq = seq`,
      'DELETE AuditSeal': `DELETE FROM "AuditSeal"`,
      'TRUNCATE AuditSeal': `TRUNCATE "AuditSeal"`,
      'UPDATE AuditVerification': `UPDATE "AuditVerification" SET ok = true`,
      'DELETE AuditVerification': `DELETE FROM "AuditVerification"`,
      'DISABLE TRIGGER': `ALTER TABLE "AuditEvent" DISABLE TRIGGER ALL`,
      'DROP TRIGGER': `DROP TRIGGER db_audit_append_only ON "AuditEvent"`,
      'DROP CONSTRAINT': `ALTER TABLE "AuditSeal" DROP CONSTRAINT "AuditSeal_eventId_fkey"`,
      session_replication_role: `SET session_replication_role = replica`,
      'DELETE a history period': `DELETE FROM "AccountEntitlementPeriod"`,
      'DELETE a grant': `DELETE FROM "Grant"`,
      'TRUNCATE an ordinary table': `TRUNCATE "Notification"`,
      'CREATE TABLE': `CREATE TABLE "Shadow" (id int)`,
      'the migrations table': `SELECT count(*) FROM "_prisma_migrations"`,
      'CREATE ROLE': `CREATE ROLE escape_hatch SUPERUSER`,
    };
    const outcomes = Object.fromEntries(
      await Promise.all(Object.entries(tries).map(async ([name, sql]) => [name, await attempt(db.url, sql)])),
    );
    expect(outcomes).toEqual(Object.fromEntries(Object.keys(tries).map((name) => [name, DENIED])));
    const [privileges] = await app.$queryRaw<Array<Record<string, boolean>>>`
      SELECT bool_or(has_table_privilege(t, p)) AS any FROM unnest(ARRAY['"AuditEvent"', '"AuditSeal"', '"AuditVerification"']) t,
             unnest(ARRAY['UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER']) p`;
    expect(privileges).toEqual({ any: false });
    expect(await checkDatabaseRole(app)).toMatchObject({
      superuser: false,
      canRewriteAudit: false,
      warning: null,
    });
  });

  it('finds its temporary tables last in every trigger function, after the real ones (108)', async () => {
    const functions = await app.$queryRaw<Array<{ name: string; config: string[] | null }>>`
      SELECT p.proname AS name, p.proconfig AS config
        FROM pg_proc p
        JOIN pg_namespace n ON n.oid = p.pronamespace
        JOIN pg_language l ON l.oid = p.prolang
       WHERE n.nspname = 'public' AND l.lanname = 'plpgsql'
       ORDER BY p.proname`;
    expect(functions.length).toBeGreaterThan(20);
    expect(functions.filter((f) => !f.config?.includes('search_path=public, pg_temp'))).toEqual([]);
  });

  it('does the portal’s ordinary work, history and queues included', async () => {
    const person = await createIdentity(app, {
      username: `app-role-${crypto.randomBytes(3).toString('hex')}`,
    });
    await app.identity.update({ where: { id: person.id }, data: { title: 'Changed by the portal' } });
    await app.notification.create({ data: { recipientId: person.id, kind: 'test', title: 'hello' } });
    await app.notification.deleteMany({ where: { recipientId: person.id } });
    expect(
      await attempt(
        db.url,
        `UPDATE "RoleEntitlementPeriod" SET "endedAt" = "endedAt"`,
        `SELECT nextval('"AuditEvent_id_seq"')`,
      ),
    ).toBe('ok');

    // The worker's and the web app's pg-boss, which do not migrate its schema.
    const worker = createBoss(db.url, 'worker');
    worker.on('error', () => {});
    await worker.start();
    try {
      const id = await worker.send('audit.verify', {});
      const [job] = await worker.fetch('audit.verify');
      expect(job?.id).toBe(id);
      await worker.complete('audit.verify', id!);
    } finally {
      await worker.stop({ graceful: false });
    }
  });

  it('the owner’s connection is the one that could: it gets the warning', async () => {
    expect(await checkDatabaseRole(db.ownerPrisma)).toMatchObject({
      superuser: true,
      canRewriteAudit: true,
      warning: expect.stringContaining('DATABASE_OWNER_URL'),
    });
  });
});

describe('ensureAppRole', () => {
  it('creates the role once however many run it at once, and grants what a new migration added', async () => {
    const role = `gatehouse_app_${crypto.randomBytes(3).toString('hex')}`;
    const password = crypto.randomBytes(12).toString('base64url');
    const urls = await Promise.all([1, 2, 3].map(() => ensureAppRole(db.ownerUrl, { role, password })));
    expect(new Set(urls).size).toBe(1);
    expect(new URL(urls[0]!).username).toBe(role);
    expect(await attempt(urls[0]!, `SELECT count(*) FROM "Identity"`, `DELETE FROM "AuditEvent"`)).toBe(
      DENIED,
    );

    // A migration adds a table: the next run covers it.
    expect(await attempt(db.ownerUrl, `CREATE TABLE "LaterTable" (id int)`)).toBe('ok');
    expect(await attempt(urls[0]!, `INSERT INTO "LaterTable" VALUES (1)`)).toBe(DENIED);
    await ensureAppRole(db.ownerUrl, { role, password });
    expect(
      await attempt(urls[0]!, `INSERT INTO "LaterTable" VALUES (1)`, `UPDATE "LaterTable" SET id = 2`),
    ).toBe('ok');
  });

  it('refuses a role that grants cannot hold back: a superuser, or one that owns a table', async () => {
    const owner = `gatehouse_owner_${crypto.randomBytes(3).toString('hex')}`;
    expect(
      await attempt(
        db.ownerUrl,
        `CREATE ROLE ${owner} LOGIN`,
        `CREATE TABLE "OwnedByApp" (id int)`,
        `ALTER TABLE "OwnedByApp" OWNER TO ${owner}`,
      ),
    ).toBe('ok');
    await expect(ensureAppRole(db.ownerUrl, { role: owner, password: 'x' })).rejects.toThrow(
      /owns .*public\.OwnedByApp/,
    );
    const superuser = `gatehouse_super_${crypto.randomBytes(3).toString('hex')}`;
    expect(await attempt(db.ownerUrl, `CREATE ROLE ${superuser} LOGIN SUPERUSER`)).toBe('ok');
    await expect(ensureAppRole(db.ownerUrl, { role: superuser, password: 'x' })).rejects.toThrow(
      /is a superuser/,
    );
    await expect(ensureAppRole(db.ownerUrl, { role: 'gatehouse_missing_role' })).rejects.toThrow(
      /does not exist/,
    );
  });
});
