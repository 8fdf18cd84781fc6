import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { ensureAppRole } from '@/server/db/app-role.ts';
import { applyMigrations } from '@/server/db/migrate.ts';
import { startEmbeddedPostgres, type TEmbeddedPostgres } from '@/server/infra/embedded-postgres.ts';
import { startSlapd, type TSlapd } from '@/server/infra/slapd.ts';
import { createBoss, ensureQueues } from '@/server/queue/boss.ts';

export const TEMPLATE_DB = 'gatehouse_template';
/** The portal's database role in tests (production's is APP_ROLE): what test files connect as by default. */
export const TEST_APP_ROLE = 'gatehouse_test_app';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Server URL without a database; test files create their own database from the template. */
    pgAdminUrl: string;
    pgTemplate: string;
    /** The template as the portal's role (server/db/app-role.ts) connects to it; test files swap the database name. */
    pgAppUrl: string;
    ldap: { url: string; rootDn: string; rootPassword: string; suffix: string };
  }
}

/**
 * Starts one real PostgreSQL (embedded, or TEST_DATABASE_ADMIN_URL) and one real slapd for the run,
 * and builds a migrated template database (with pg-boss's schema and queues, and the grants of the
 * portal's role) that every test file clones: `CREATE DATABASE ... TEMPLATE` takes milliseconds.
 */
export default async function setup(project: TestProject) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gatehouse-test-'));
  let cluster: TEmbeddedPostgres | undefined;
  let adminUrl = process.env.TEST_DATABASE_ADMIN_URL;
  if (!adminUrl) {
    cluster = await startEmbeddedPostgres({
      dataDir: path.join(tmp, 'pg'),
      password: crypto.randomBytes(18).toString('base64url'),
      durable: false,
    });
    adminUrl = cluster.url('postgres');
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB}`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  const templateUrl = withDatabase(adminUrl, TEMPLATE_DB);
  await applyMigrations(templateUrl);
  const boss = createBoss(templateUrl, 'setup');
  await boss.start();
  await ensureQueues(boss);
  await boss.stop({ graceful: false });
  // The role is the cluster's; its grants live in the template, so every cloned database has them.
  const appUrl = await ensureAppRole(templateUrl, {
    role: TEST_APP_ROLE,
    password: crypto.randomBytes(18).toString('base64url'),
    resetPassword: true,
  });
  // No connection may remain on a template database.
  await admin.query(
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
    [TEMPLATE_DB],
  );
  await admin.end();

  const slapd: TSlapd = await startSlapd({ dir: path.join(tmp, 'ldap') });

  project.provide('pgAdminUrl', adminUrl);
  project.provide('pgTemplate', TEMPLATE_DB);
  project.provide('pgAppUrl', appUrl);
  project.provide('ldap', {
    url: slapd.url,
    rootDn: slapd.rootDn,
    rootPassword: slapd.rootPassword,
    suffix: slapd.suffix,
  });

  return async () => {
    await slapd.stop();
    await cluster?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
