// npm run bench:audit: how fast the audit log is sealed and verified (docs/decisions/051), and what
// sealing costs the writers. 200,000 events (a big HR run's worth) with payloads the size the engine
// writes, into a throw-away embedded PostgreSQL configured as the portal's own.
//   Options: --events N (default 200000; another number is a scaled run, not recorded)
import { parseArgs } from 'node:util';
import { systemActor } from '../../server/auth/actor.ts';
import type { TPrisma } from '../../server/db/client.ts';
import {
  recordAuditEvents,
  type TAuditEventInput,
  sealAuditLog,
  verifyAuditLog,
} from '../../server/modules/audit/index.ts';
import { QUICK_WINDOW_MS, startAuditSealer } from '../../jobs/audit-sealer.ts';
import { recordBenchmark, startBenchEnv } from './bench-env.ts';

const { values: args } = parseArgs({ options: { events: { type: 'string' } } });
const EVENTS = Number(args.events ?? 200_000);
const FULL_SIZE = EVENTS === 200_000;
/** Events per writing transaction, as an HR batch writes them. */
const PER_TRANSACTION = 2_500;
const log = (m: string) => console.log(`[bench:audit] ${m}`);

const event = (i: number): TAuditEventInput => ({
  actor: systemActor('SOURCE'),
  action: 'identity.updated',
  entityType: 'Identity',
  entityId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  before: {
    department: 'Finance',
    title: 'Analyst',
    managerId: null,
    status: 'ACTIVE',
    costCenter: 'CC-100',
  },
  after: {
    department: 'Sales',
    title: 'Account Executive',
    managerId: 'a1b2c3',
    status: 'ACTIVE',
    costCenter: 'CC-200',
  },
  metadata: {
    run: 'bench',
    row: i,
    source: 'hr-csv',
    changed: ['department', 'title', 'managerId', 'costCenter'],
  },
});

async function write(db: TPrisma, from: number, count: number): Promise<number> {
  const started = performance.now();
  for (let i = from; i < from + count; i += PER_TRANSACTION) {
    const batch = Array.from({ length: Math.min(PER_TRANSACTION, from + count - i) }, (_, k) => event(i + k));
    await db.$transaction((tx) => recordAuditEvents(tx, batch));
  }
  return (performance.now() - started) / 1000;
}

const env = await startBenchEnv('audit');
try {
  const db = env.db;
  // 1. Writers alone, then the sealer catching up with all of it.
  const writeAlone = await write(db, 0, EVENTS);
  log(`wrote ${EVENTS} events in ${writeAlone.toFixed(1)} s with no sealer running`);
  let started = performance.now();
  const sealed = await sealAuditLog(db);
  const sealSeconds = (performance.now() - started) / 1000;
  log(
    `sealed ${sealed.sealed} events in ${sealSeconds.toFixed(1)} s: ${Math.round(sealed.sealed / sealSeconds)} events/s`,
  );

  // 2. An idle round right after (everything within the window it looks back): what each 5-second tick costs.
  const idle: number[] = [];
  for (let i = 0; i < 5; i++) {
    started = performance.now();
    await sealAuditLog(db, { skipIfBusy: true, inFlightWindowMs: QUICK_WINDOW_MS });
    idle.push(performance.now() - started);
  }
  const idleMs = idle.sort((a, b) => a - b)[2]!;
  log(
    `an idle round with ${EVENTS} sealed events in the window it looks back: ${idleMs.toFixed(0)} ms (median of 5)`,
  );

  // 3. The same writes again with the worker's sealer loop running beside them.
  const sealer = startAuditSealer(db, () => {});
  const writeSealing = await write(db, EVENTS, EVENTS);
  started = performance.now();
  await sealer.stop();
  await sealAuditLog(db);
  const catchUp = (performance.now() - started) / 1000;
  log(
    `wrote ${EVENTS} more in ${writeSealing.toFixed(1)} s with the sealer loop running (${((writeSealing / writeAlone - 1) * 100).toFixed(0)}%); sealed all of it ${catchUp.toFixed(1)} s after the last write`,
  );

  // 4. Verifying the whole chain.
  started = performance.now();
  const verified = await verifyAuditLog(db);
  const verifySeconds = (performance.now() - started) / 1000;
  if (!verified.ok) throw new Error(`the chain is broken: ${JSON.stringify(verified.firstBreak)}`);
  log(
    `verified ${verified.checkedSeals} seals in ${verifySeconds.toFixed(1)} s: ${Math.round(verified.checkedSeals / verifySeconds)} seals/s`,
  );

  if (!FULL_SIZE) log('a scaled run (--events): nothing recorded in docs/benchmarks.md');
  else
    recordBenchmark(
      'audit',
      `## Sealing and verifying the audit log (\`npm run bench:audit\`)

${EVENTS.toLocaleString('en')} audit events written in transactions of ${PER_TRANSACTION.toLocaleString('en')} (as an HR run writes them; each with a before, an
after and metadata of 5 to 6 keys), then sealed into the hash chain and verified, in a real PostgreSQL
(embedded, same machine, durable). Measured ${new Date().toISOString().slice(0, 10)}, one run (on a machine shared with other work:
expect another run to differ by up to 2x).

| step | time | rate |
| --- | --- | --- |
| writing ${EVENTS.toLocaleString('en')} events, no sealer | ${writeAlone.toFixed(1)} s | ${Math.round(EVENTS / writeAlone).toLocaleString('en')} events/s |
| sealing them (\`sealAuditLog\`, batches of 5,000) | ${sealSeconds.toFixed(1)} s | ${Math.round(sealed.sealed / sealSeconds).toLocaleString('en')} events/s |
| an idle sealer round right after, all of them in the 2 minutes it looks back | ${idleMs.toFixed(0)} ms | |
| writing ${EVENTS.toLocaleString('en')} more with the worker's sealer loop running | ${writeSealing.toFixed(1)} s | ${Math.round(EVENTS / writeSealing).toLocaleString('en')} events/s (${((writeSealing / writeAlone - 1) * 100).toFixed(0)}% vs. no sealer) |
| … sealed completely after the last write | ${catchUp.toFixed(1)} s | |
| verifying the whole chain (${verified.checkedSeals.toLocaleString('en')} seals) | ${verifySeconds.toFixed(1)} s | ${Math.round(verified.checkedSeals / verifySeconds).toLocaleString('en')} seals/s |

Writers never wait for the sealer (no lock of theirs is involved); on two cores they share the
machine with it, which is the whole of the difference between the two writing rows.`,
    );
} finally {
  await env.close();
}
