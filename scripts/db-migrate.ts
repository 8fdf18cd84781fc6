// npm run db:migrate: applies prisma/migrations and pg-boss's schema to the database (what the launcher
// does on every start), for running the web app and the worker yourself. It runs as the owner,
// DATABASE_OWNER_URL (or DATABASE_URL when that is all there is), and when DATABASE_URL names another
// role it (re)grants that role what the portal may do, creating it if missing (docs/decisions/051).
import { ensureAppRole } from '../server/db/app-role.ts';
import { createPrismaClient } from '../server/db/client.ts';
import { applyMigrations } from '../server/db/migrate.ts';
import { describeReseal, resealLegacySecrets } from '../server/db/reseal-legacy-secrets.ts';
import { parseDatabaseSetupEnv } from '../server/env.ts';
import { parseSecretKey } from '../server/lib/secret-box.ts';
import { createBoss, ensureQueues } from '../server/queue/boss.ts';

const env = parseDatabaseSetupEnv(process.env);
if (!env.DATABASE_URL) {
  console.error(
    'Set DATABASE_URL to the PostgreSQL database to migrate (postgresql://user:password@host:5432/name),',
  );
  console.error(
    'and DATABASE_OWNER_URL to its owner when DATABASE_URL is the portal\'s own role (README, "Database roles").',
  );
  process.exit(2);
}
const portalUrl = env.DATABASE_URL;
const ownerUrl = env.DATABASE_OWNER_URL ?? portalUrl;
const applied = await applyMigrations(ownerUrl);
console.log(
  applied.length
    ? `Applied ${applied.length} migration(s): ${applied.join(', ')}`
    : 'The database is up to date.',
);

// pg-boss's schema (its own migrations) and the queues: the web app and the worker no longer create them.
const boss = createBoss(ownerUrl, 'setup');
await boss.start();
await ensureQueues(boss, { owner: true });
await boss.stop({ graceful: false });

const role = decodeURIComponent(new URL(portalUrl).username);
if (role !== decodeURIComponent(new URL(ownerUrl).username)) {
  await ensureAppRole(ownerUrl, {
    role,
    password: decodeURIComponent(new URL(portalUrl).password) || undefined,
  });
  console.log(`Granted "${role}" what the portal may do: it can add to the audit log, not change it.`);
} else {
  console.log(
    `WARNING: DATABASE_URL connects as the owner "${role}", which could rewrite the audit log. Set DATABASE_OWNER_URL to the owner and DATABASE_URL to a role of the portal's own (README, "Database roles").`,
  );
}

// Connector secrets sealed before they were bound to their rows are resealed (they no longer open otherwise).
if (process.env.GATEHOUSE_SECRET_KEY) {
  const db = createPrismaClient(ownerUrl, { max: 1 });
  for (const line of describeReseal(
    await resealLegacySecrets(db, parseSecretKey(process.env.GATEHOUSE_SECRET_KEY)),
  ))
    console.log(line);
  await db.$disconnect();
} else
  console.log(
    'GATEHOUSE_SECRET_KEY is not set: connector secrets sealed by an older version were not resealed.',
  );
