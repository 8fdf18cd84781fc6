import type { PgBoss } from 'pg-boss';
import type { TDb } from '@/server/db/client.ts';
import { syncAggregationSchedules } from '@/server/modules/catalog/index.ts';
import { syncReconciliationSchedules } from '@/server/modules/reconciliation/index.ts';
import { createAggregationScheduler } from './aggregation-scheduler.ts';
import type { TJobName } from './job-specs.ts';
import { createReconciliationScheduler } from './reconciliation-scheduler.ts';

export type TQueueStats = { name: string; queued: number; active: number; failed: number; deferred: number };

/** What the admin pages need from the queue, without knowing pg-boss. */
export type TQueueAdmin = {
  stats(names: TJobName[]): Promise<TQueueStats[]>;
  /** Puts a failed job back in line; false when pg-boss no longer has it. */
  retry(name: TJobName, jobId: string): Promise<boolean>;
  cancel(name: TJobName, jobId: string): Promise<void>;
  /** Puts each application's reconciliation and aggregation schedules in step with its settings. */
  syncApplicationSchedules(db: TDb): Promise<void>;
};

export function createQueueAdmin(getBoss: () => Promise<PgBoss>): TQueueAdmin {
  return {
    async stats(names) {
      const boss = await getBoss();
      const queues = await boss.getQueues(names);
      return queues.map((q) => ({
        name: q.name,
        queued: q.queuedCount,
        active: q.activeCount,
        failed: q.failedCount,
        deferred: q.deferredCount,
      }));
    },
    async retry(name, jobId) {
      const boss = await getBoss();
      const result = await boss.retry(name, jobId);
      return ((result as { affected?: number }).affected ?? 0) > 0;
    },
    async cancel(name, jobId) {
      const boss = await getBoss();
      await boss.cancel(name, jobId);
    },
    async syncApplicationSchedules(db) {
      const boss = await getBoss();
      await syncReconciliationSchedules(db, createReconciliationScheduler(boss));
      await syncAggregationSchedules(db, createAggregationScheduler(boss));
    },
  };
}
