import crypto from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createPrismaClient, type TPrisma } from '@/server/db/client.ts';
import { withDatabase } from './global-setup.ts';

export type TTestDatabase = {
  /**
   * As the portal's role (server/db/app-role.ts), as the web app and the worker connect in production
   * (DATABASE_URL): what a test does through it, the product may do (docs/decisions/106).
   */
  url: string;
  /** The client over `url`. */
  prisma: TPrisma;
  /**
   * As the owner (a superuser), as the migrations run (DATABASE_OWNER_URL). Only for what the product
   * never does: arranging history it could not write, DDL, TRUNCATE, statistics, tampering, the
   * migrations' own table (docs/decisions/106).
   */
  ownerUrl: string;
  /** The client over `ownerUrl`. */
  ownerPrisma: TPrisma;
  drop: () => Promise<void>;
};

/** A fresh, migrated database for one test file, cloned from the run's template. */
export async function createTestDatabase(): Promise<TTestDatabase> {
  const adminUrl = inject('pgAdminUrl');
  const name = `t_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplate')}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(inject('pgAppUrl'), name);
  const ownerUrl = withDatabase(adminUrl, name);
  // Pools connect on first use: a file that never asks for the owner opens no owner connection.
  const prisma = createPrismaClient(url, { max: 5 });
  const ownerPrisma = createPrismaClient(ownerUrl, { max: 3 });
  return {
    url,
    prisma,
    ownerUrl,
    ownerPrisma,
    drop: async () => {
      await Promise.all([prisma.$disconnect(), ownerPrisma.$disconnect()]);
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await untilClosed(c, name);
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/**
 * A test's pools can still hold a closing socket after their stop() or $disconnect() resolved (some
 * clients are ended without being awaited). DROP … WITH (FORCE) would terminate it mid-close, and the
 * 57P01 it sends can surface as an unhandled error that fails the whole run. So wait, briefly, for the
 * database's client connections to go (autovacuum's workers are DROP's to end); one still open after
 * that is a leak: it is named, then forced off.
 */
async function untilClosed(admin: pg.Client, name: string): Promise<void> {
  const open = async () =>
    (
      await admin.query<{ who: string }>(
        `SELECT format('%s as %s (%s, %s): %s', pid, usename, application_name, state, left(query, 80)) AS who
           FROM pg_stat_activity WHERE datname = $1 AND backend_type = 'client backend'`,
        [name],
      )
    ).rows;
  for (let waited = 0; waited < 2_000; waited += 25) {
    if ((await open()).length === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  const left = await open();
  if (left.length)
    console.warn(`${name}: connections left open by the test file:\n${left.map((r) => r.who).join('\n')}`);
}
