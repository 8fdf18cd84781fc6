import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffDatabaseAgainstSchema } from './catalog/schema-diff.ts';
import { applyMigrations, readMigrations } from './migrate.ts';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/test-database.ts';

// The migrations' view of the database: every statement here runs as the owner, as they do (docs/decisions/106).
let db: TTestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

const exec = async (url: string, sql: string) => {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await c.query(sql);
  } finally {
    await c.end();
  }
};

describe('migrations and schema.prisma', () => {
  it('the migrated database matches schema.prisma exactly', async () => {
    const changes = await diffDatabaseAgainstSchema(db.ownerUrl);
    expect(changes.map((c) => `${c.description}\n${c.sql}`)).toEqual([]);
  });

  it('the check notices a column the schema has and the database lacks', async () => {
    const other = await createTestDatabase();
    try {
      await exec(
        other.ownerUrl,
        'ALTER TABLE "Identity" DROP COLUMN "title"; DROP INDEX "Grant_source_sourceRef_idx"',
      );
      const changes = await diffDatabaseAgainstSchema(other.ownerUrl);
      expect(changes.map((c) => c.description)).toEqual([
        'column Identity.title is missing',
        'index Grant_source_sourceRef_idx is missing',
      ]);
      expect(changes[0]!.sql).toContain('ALTER TABLE "Identity" ADD COLUMN "title" TEXT;');
    } finally {
      await other.drop();
    }
  });

  it('applying migrations again changes nothing', async () => {
    expect(await applyMigrations(db.ownerUrl)).toEqual([]);
    const applied = await exec(
      db.ownerUrl,
      'SELECT migration_name, checksum FROM "_prisma_migrations" ORDER BY migration_name',
    );
    expect(applied.rows.map((r: { migration_name: string }) => r.migration_name)).toEqual(
      readMigrations().map((m) => m.name),
    );
  });

  it('refuses to run when an applied migration was edited afterwards', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'migrations-'));
    try {
      for (const m of readMigrations()) {
        fs.mkdirSync(path.join(dir, m.name));
        fs.writeFileSync(path.join(dir, m.name, 'migration.sql'), m.sql + '\n-- edited\n');
      }
      await expect(applyMigrations(db.ownerUrl, { dir })).rejects.toThrow(/was edited after it was applied/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps the audit trail append-only', async () => {
    await exec(
      db.ownerUrl,
      `INSERT INTO "AuditEvent" ("actorType","action","entityType","entityId") VALUES ('SYSTEM','test','Test','1')`,
    );
    await expect(exec(db.ownerUrl, `UPDATE "AuditEvent" SET "action" = 'changed'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(exec(db.ownerUrl, `DELETE FROM "AuditEvent"`)).rejects.toThrow(/append-only/);
    await expect(exec(db.ownerUrl, `TRUNCATE "AuditEvent" CASCADE`)).rejects.toThrow(/append-only/);
    await exec(
      db.ownerUrl,
      `INSERT INTO "AuditSeal" ("seq","eventId","hash","prevHash","sealedAt") SELECT 1, id, sha256('x'), sha256('y'), now() FROM "AuditEvent" LIMIT 1`,
    );
    for (const table of ['AuditSeal', 'AuditVerification']) {
      await expect(
        exec(
          db.ownerUrl,
          `UPDATE "${table}" SET "${table === 'AuditSeal' ? 'seq' : 'ok'}" = "${table === 'AuditSeal' ? 'seq' : 'ok'}"`,
        ),
      ).rejects.toThrow(/append-only/);
      await expect(exec(db.ownerUrl, `DELETE FROM "${table}"`)).rejects.toThrow(/append-only/);
      await expect(exec(db.ownerUrl, `TRUNCATE "${table}"`)).rejects.toThrow(/append-only/);
    }
  });
});
