import os from 'node:os';
import crypto from 'node:crypto';
import { createPrismaClient } from '@/server/db/client.ts';
import { defaultDataDir } from '@/server/lib/data-dir.ts';
import { parseSecretKey } from '@/server/lib/secret-box.ts';
import { ConnectorCache } from '@/server/modules/provisioning/index.ts';
import { createBoss, ensureQueues } from '@/server/queue/boss.ts';
import { createJobQueue } from '@/server/queue/enqueue.ts';
import { createSourceScheduler } from '@/server/queue/source-scheduler.ts';
import { syncAggregationSchedules } from '@/server/modules/catalog/index.ts';
import { createAggregationScheduler } from '@/server/queue/aggregation-scheduler.ts';
import { syncSourceSchedules } from '@/server/modules/sources/index.ts';
import { syncReconciliationSchedules } from '@/server/modules/reconciliation/index.ts';
import { createReconciliationScheduler } from '@/server/queue/reconciliation-scheduler.ts';
import { checkDatabaseRole } from '@/server/modules/health/index.ts';
import { startAuditSealer } from './audit-sealer.ts';
import type { TWorkerContext } from './define-job.ts';
import { JOB_DEFINITIONS } from './registry.ts';
import { workLoops } from './work-loops.ts';

export type TWorker = {
  id: string;
  stop: (options?: { graceful?: boolean }) => Promise<void>;
  ctx: TWorkerContext;
};

/**
 * Starts a worker: pg-boss with maintenance, every job definition registered, and a heartbeat row
 * that /api/health reads. Several workers (processes or machines) can run against one database.
 */
export async function startWorker(options: {
  databaseUrl: string;
  secretKey: string;
  /** Where HR drop folders may live (default GATEHOUSE_DATA_DIR or a temp folder); uploads are staged in PostgreSQL. */
  dataDir?: string;
  log?: (message: string) => void;
  only?: string[];
  /** How long an idle fetch loop waits before looking again; default each job kind's own. */
  pollingIntervalSeconds?: number;
  /** How often the audit log is sealed (jobs/audit-sealer.ts). */
  auditSealIntervalMs?: number;
}): Promise<TWorker> {
  const log = options.log ?? ((m: string) => console.log(`[worker] ${m}`));
  const db = createPrismaClient(options.databaseUrl, { max: 20 });
  const boss = createBoss(options.databaseUrl, 'worker');
  boss.on('error', (error: Error) => log(`pg-boss: ${error.message}`));
  await boss.start().catch((error: Error) => {
    // The worker does not install or migrate pg-boss's schema (it is not the owner): the launcher does, or db:migrate.
    if (/pg-boss (is not installed|database requires migrations)/.test(error.message))
      throw new Error(`${error.message}: run npm run db:migrate first`, { cause: error });
    throw error;
  });
  await ensureQueues(boss);
  const role = await checkDatabaseRole(db);
  if (role.warning) log(`WARNING: ${role.warning}`);
  // Also in the heartbeat, and on every job this worker completes (work-loops.ts).
  const id = `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;
  const ctx: TWorkerContext = {
    workerId: id,
    db,
    boss,
    queue: createJobQueue(async () => boss),
    connectors: new ConnectorCache(parseSecretKey(options.secretKey)),
    secretKey: parseSecretKey(options.secretKey),
    dataDir: options.dataDir ?? defaultDataDir(),
    log,
  };
  for (const def of JOB_DEFINITIONS.filter((d) => !options.only || options.only.includes(d.name))) {
    if (def.schedule) await boss.schedule(def.name, def.schedule, {});
    await workLoops(boss, def, ctx, options.pollingIntervalSeconds);
  }
  // Each HR source's cron, as the sources say now (they may have changed while no worker ran).
  await syncSourceSchedules(db, createSourceScheduler(boss));
  // Each application's catalog aggregation, as its reconciliation settings say now.
  await syncAggregationSchedules(db, createAggregationScheduler(boss));
  // Each application's reconciliation crons, likewise.
  await syncReconciliationSchedules(db, createReconciliationScheduler(boss));
  // Not a queue, but `only` (a test's focused worker) leaves it out unless named.
  const sealer =
    !options.only || options.only.includes('audit.seal')
      ? startAuditSealer(db, log, options.auditSealIntervalMs)
      : undefined;
  const startedAt = new Date();
  const beat = () =>
    db.workerHeartbeat
      .upsert({
        where: { workerId: id },
        create: {
          workerId: id,
          hostname: os.hostname(),
          pid: process.pid,
          startedAt,
          lastSeenAt: new Date(),
        },
        update: { lastSeenAt: new Date() },
      })
      .catch((error: Error) => log(`heartbeat failed: ${error.message}`));
  await beat();
  const timer = setInterval(() => void beat(), 10_000);
  log(`started ${id} (${JOB_DEFINITIONS.length} job kinds)`);
  return {
    id,
    ctx,
    async stop({ graceful = true } = {}) {
      clearInterval(timer);
      await sealer?.stop();
      await boss.stop({ graceful, timeout: graceful ? 15_000 : 0 });
      await ctx.connectors.closeAll();
      await db.workerHeartbeat.delete({ where: { workerId: id } }).catch(() => {});
      await db.$disconnect();
    },
  };
}
