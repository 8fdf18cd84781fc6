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

/** Creates (or updates) every queue with its policy. Idempotent; run at start-up and in test setup. */
export async function ensureQueues(boss: PgBoss): Promise<void> {
  const names = Object.keys(JOB_SPECS) as TJobName[];
  // Dead-letter queues must exist before the queues that point at them.
  const ordered = [...names].sort((a, b) => Number(!a.endsWith('.dead')) - Number(!b.endsWith('.dead')));
  const existing = new Set((await boss.getQueues()).map((q) => q.name));
  for (const name of ordered) {
    const { queue } = JOB_SPECS[name];
    if (!existing.has(name)) await boss.createQueue(name, queue);
  }
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
