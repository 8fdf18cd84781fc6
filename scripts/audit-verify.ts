// npm run audit:verify: checks the audit log's hash chain (docs/decisions/051), prints the result and
// exits 1 when it is broken (0 when intact, 2 when it could not check). The database is DATABASE_URL,
// else the one the launcher runs (`.data/runtime.json`, or --data-dir's). The result is recorded
// like the daily verification's, so the next one holds the chain to this head; --no-record only reads.
//   Options: --data-dir DIR  --no-record
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createPrismaClient } from '../server/db/client.ts';
import { runAuditVerification, verifyAuditLog } from '../server/modules/audit/index.ts';

const { values: args } = parseArgs({
  options: { 'data-dir': { type: 'string' }, 'no-record': { type: 'boolean', default: false } },
});

function databaseUrl(): string | undefined {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const file = path.join(
    path.resolve(args['data-dir'] ?? path.join(import.meta.dirname, '..', '.data')),
    'runtime.json',
  );
  if (!fs.existsSync(file)) return undefined;
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { databaseUrl?: string }).databaseUrl;
}

const url = databaseUrl();
if (!url) {
  console.error(
    'Set DATABASE_URL, or start the portal (npm start) so that .data/runtime.json names its database.',
  );
  process.exit(2);
}
const db = createPrismaClient(url, { max: 2 });
try {
  const started = performance.now();
  const result = args['no-record']
    ? await verifyAuditLog(db)
    : await runAuditVerification(db, { trigger: 'CLI' });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const head = result.head
    ? `head: seal ${result.head.seq}, sha256 ${result.head.hash}`
    : 'nothing sealed yet';
  if (result.firstBreak) {
    const b = result.firstBreak;
    console.log(
      `Audit log: BROKEN at event ${b.eventId ?? '(unknown)'}${b.seq ? `, seal ${b.seq}` : ''}: ${b.reason}.`,
    );
    console.log(`  ${b.detail}`);
    console.log(
      `  ${result.checkedSeals} seals intact before it; ${result.unsealedEvents} recent events awaiting a seal. (${seconds} s)`,
    );
    process.exitCode = 1;
  } else {
    console.log(
      `Audit log: intact. ${result.checkedSeals} seals checked (${head}); ${result.unsealedEvents} recent events awaiting a seal. (${seconds} s)`,
    );
    // Kept outside the database, the head lets a later check prove the chain was not rebuilt since.
    if (result.head)
      console.log(
        '  Keep this head outside the database: a later check that still finds it proves nothing up to it has changed since.',
      );
  }
} catch (error) {
  console.error(`Audit log: could not verify: ${(error as Error).message}`);
  process.exitCode = 2;
} finally {
  await db.$disconnect();
}
