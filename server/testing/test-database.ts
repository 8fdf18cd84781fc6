import crypto from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createPrismaClient, type TPrisma } from '@/server/db/client.ts';
import { withDatabase } from './global-setup.ts';

export type TTestDatabase = {
  /** As the owner (a superuser), like most tests and the migrations. */
  url: string;
  /** As the portal's role, which may not rewrite the audit log (server/db/app-role.ts). */
  appUrl: string;
  prisma: TPrisma;
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
  const url = withDatabase(adminUrl, name);
  const prisma = createPrismaClient(url, { max: 5 });
  return {
    url,
    appUrl: withDatabase(inject('pgAppUrl'), name),
    prisma,
    drop: async () => {
      await prisma.$disconnect();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
