import { PgBoss } from 'pg-boss';
import { getEnv } from '@/server/env.ts';
import { JOB_SPECS, type TJobName } from './job-specs.ts';

export const BOSS_SCHEMA = 'pgboss';

/**
 * The worker's instance runs maintenance and schedules; the web app's only enqueues (inside the
 * caller's transaction) and reads queue state. Only 'setup' (the launcher and `npm run db:migrate`,
 * as the database owner) installs or migrates pg-boss's schema: the web app and the worker connect
 * as the portal's role, which may not create tables (server/db/app-role.ts).
 */
export function createBoss(connectionString: string, role: 'worker' | 'web' | 'setup'): PgBoss {
  const boss = new PgBoss({
    connectionString,
    schema: BOSS_SCHEMA,
    application_name: `gatehouse-${role}`,
    max: role === 'worker' ? 10 : 4,
    migrate: role === 'setup',
    supervise: role === 'worker',
    schedule: role === 'worker',
    superviseIntervalSeconds: 5,
    monitorIntervalSeconds: 30,
  });
  return boss;
}

/**
 * Queues Gatehouse no longer has. `provisioning.dead` mirrored status FAILED; an operation's status is
 * now the one record of a failure, so the queue (and the provisioning queue's pointer to it) goes.
 */
export const RETIRED_QUEUES: readonly string[] = ['provisioning.dead'];

/** The policy fields a queue can change after it was created (pg-boss cannot change policy or partition). */
const UPDATABLE = [
  'expireInSeconds',
  'retentionSeconds',
  'deleteAfterSeconds',
  'retryLimit',
  'retryDelay',
  'retryBackoff',
  'retryDelayMax',
  'heartbeatSeconds',
] as const;

/**
 * Creates every missing queue with its policy (idempotent; the worker and test setup call it). As the
 * database owner (`owner: true`: the launcher and `npm run db:migrate`) it also brings existing queues'
 * policies up to JOB_SPECS and deletes the retired queues: without that, a database created by an
 * older version kept its old retry limits and dead-letter pointers for good. The portal's role may not
 * do either (deleting a queue drops its partition).
 */
export async function ensureQueues(boss: PgBoss, options: { owner?: boolean } = {}): Promise<void> {
  const names = Object.keys(JOB_SPECS) as TJobName[];
  const existing = new Map((await boss.getQueues()).map((q) => [q.name, q]));
  for (const name of names) {
    const { queue } = JOB_SPECS[name];
    const current = existing.get(name);
    if (!current) {
      await boss.createQueue(name, queue);
      continue;
    }
    if (!options.owner) continue;
    const wanted: Record<string, unknown> = queue;
    const changed = UPDATABLE.filter((key) => key in wanted && wanted[key] !== current[key]);
    const deadLetter = (queue as { deadLetter?: string }).deadLetter ?? null;
    if (changed.length || (current.deadLetter ?? null) !== deadLetter)
      await boss.updateQueue(name, {
        ...Object.fromEntries(changed.map((key) => [key, wanted[key]])),
        deadLetter,
      });
  }
  if (options.owner) for (const name of RETIRED_QUEUES) if (existing.has(name)) await boss.deleteQueue(name);
}

const globalForBoss = globalThis as unknown as { gatehouseBoss?: Promise<PgBoss> };

/** The web process's enqueue-only instance, started once. */
export function getWebBoss(): Promise<PgBoss> {
  globalForBoss.gatehouseBoss ??= (async () => {
    const boss = createBoss(getEnv().DATABASE_URL, 'web');
    boss.on('error', (error: Error) => console.warn('[pg-boss]', error.message));
    await boss.start();
    return boss;
  })();
  return globalForBoss.gatehouseBoss;
}
