import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { withDatabase } from '@/server/testing/global-setup.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const name = `m_${crypto.randomBytes(5).toString('hex')}`;
const role = `portal_${crypto.randomBytes(3).toString('hex')}`;
const ownerUrl = withDatabase(inject('pgAdminUrl'), name);
const portalUrl = (() => {
  const u = new URL(ownerUrl);
  u.username = role;
  u.password = 'portal-secret';
  return u.toString();
})();

async function admin(sql: string) {
  const c = new pg.Client({ connectionString: inject('pgAdminUrl') });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}
afterAll(async () => {
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
});

const migrate = async () =>
  (
    await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'scripts/db-migrate.ts')],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          DATABASE_URL: portalUrl,
          DATABASE_OWNER_URL: ownerUrl,
          GATEHOUSE_SECRET_KEY: '',
        },
      },
    )
  ).stdout;

async function as(url: string, sql: string): Promise<string> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(sql);
    return 'ok';
  } catch (error) {
    return (error as { code: string }).code;
  } finally {
    await c.end();
  }
}

describe('npm run db:migrate with an owner and the portal’s role', () => {
  it('migrates as the owner, installs pg-boss, creates the portal’s role and grants it what the portal may do; again changes nothing', async () => {
    await admin(`CREATE DATABASE ${name}`);
    const first = await migrate();
    expect(first).toMatch(/Applied \d+ migration\(s\)/);
    expect(first).toContain(`Granted "${role}" what the portal may do`);
    expect(
      await as(
        portalUrl,
        `INSERT INTO "AuditEvent" ("actorType", "action", "entityType", "entityId") VALUES ('USER', 'a', 'T', '1')`,
      ),
    ).toBe('ok');
    expect(await as(portalUrl, `UPDATE "AuditEvent" SET "action" = 'b'`)).toBe('42501');
    expect(await as(portalUrl, `SELECT count(*) FROM pgboss.queue WHERE name = 'audit.verify'`)).toBe('ok');

    const second = await migrate();
    expect(second).toContain('The database is up to date.');
    expect(second).toContain(`Granted "${role}"`);
  });
});
