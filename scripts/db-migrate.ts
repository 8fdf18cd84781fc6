// npm run db:migrate: applies prisma/migrations to the database DATABASE_URL names (what the
// launcher does on every start), for running the web app and the worker yourself.
import { applyMigrations } from '../server/db/migrate.ts';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('Set DATABASE_URL to the PostgreSQL database to migrate (postgresql://user:password@host:5432/name).');
  process.exit(2);
}
const applied = await applyMigrations(url);
console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'The database is up to date.');
