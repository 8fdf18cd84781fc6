// npm run db:migrate: applies prisma/migrations to the database DATABASE_URL names (what the
// launcher does on every start), for running the web app and the worker yourself.
import { createPrismaClient } from '../server/db/client.ts';
import { applyMigrations } from '../server/db/migrate.ts';
import { describeReseal, resealLegacySecrets } from '../server/db/reseal-legacy-secrets.ts';
import { parseSecretKey } from '../server/lib/secret-box.ts';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('Set DATABASE_URL to the PostgreSQL database to migrate (postgresql://user:password@host:5432/name).');
  process.exit(2);
}
const applied = await applyMigrations(url);
console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'The database is up to date.');

// Connector secrets sealed before they were bound to their rows are resealed (they no longer open otherwise).
if (process.env.GATEHOUSE_SECRET_KEY) {
  const db = createPrismaClient(url, { max: 1 });
  for (const line of describeReseal(await resealLegacySecrets(db, parseSecretKey(process.env.GATEHOUSE_SECRET_KEY)))) console.log(line);
  await db.$disconnect();
} else console.log('GATEHOUSE_SECRET_KEY is not set: connector secrets sealed by an older version were not resealed.');
