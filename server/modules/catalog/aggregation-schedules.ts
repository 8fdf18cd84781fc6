import type { TDb } from '@/server/db/client.ts';
import { reconciliationSettingsOf } from '@/server/modules/reconciliation/index.ts';

/** How applications' aggregation schedules reach the queue (pg-boss schedules of catalog.aggregate, keyed by application id). */
export type TAggregationScheduler = {
  set(applicationId: string, cron: string | null): Promise<void>;
  /** The application ids that have a schedule now. */
  list(): Promise<string[]>;
};

/**
 * Makes the queue's aggregation schedules match the applications: each application a connector can
 * list gets its `reconciliation.aggregationSchedule` (default nightly); manual ones and those set to
 * null get none. Run at worker start-up and after an application's settings are saved.
 */
export async function syncAggregationSchedules(db: TDb, scheduler: TAggregationScheduler): Promise<void> {
  const apps = await db.application.findMany({
    where: { connectorType: { not: 'MANUAL' } },
    select: { id: true, reconciliation: true },
  });
  const wanted = new Map<string, string>();
  for (const app of apps) {
    const cron = reconciliationSettingsOf(app.reconciliation).aggregationSchedule;
    if (cron) wanted.set(app.id, cron);
  }
  for (const [id, cron] of wanted) await scheduler.set(id, cron);
  for (const id of await scheduler.list()) if (!wanted.has(id)) await scheduler.set(id, null);
}
