// Writes a new SQL migration for whatever prisma/schema.prisma has that the migrations do not.
// Prisma's schema engine (a downloaded binary) is not available here, so this replaces
// `prisma migrate dev --create-only`: it applies the existing migrations to a scratch database,
// compares it with the schema and renders the difference in Prisma's own SQL style.
//   npm run db:migration -- <name>
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { diffDatabaseAgainstSchema } from '../server/db/catalog/schema-diff.ts';
import { applyMigrations, MIGRATIONS_DIR } from '../server/db/migrate.ts';
import { startEmbeddedPostgres } from '../server/infra/embedded-postgres.ts';

const name = (process.argv[2] ?? '').trim();
if (!/^[a-z0-9_]+$/.test(name)) {
  console.error('usage: npm run db:migration -- <name_in_snake_case>');
  process.exit(2);
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatehouse-migration-'));
const cluster = await startEmbeddedPostgres({
  dataDir,
  password: crypto.randomBytes(18).toString('base64url'),
  durable: false,
});
try {
  const admin = new pg.Client({ connectionString: cluster.url('postgres') });
  await admin.connect();
  await admin.query('CREATE DATABASE scratch');
  await admin.end();
  const url = cluster.url('scratch');
  await applyMigrations(url);
  const changes = await diffDatabaseAgainstSchema(url);
  if (changes.length === 0) {
    console.log('The migrations already match prisma/schema.prisma: nothing to write.');
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
    const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'migration.sql'), changes.map((c) => c.sql).join('\n\n') + '\n');
    console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql:`);
    for (const c of changes) console.log(`  - ${c.description}`);
    console.log(
      'Read it, add what Prisma cannot express (CHECK constraints, triggers, db_ indexes), then commit.',
    );
  }
} finally {
  await cluster.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
