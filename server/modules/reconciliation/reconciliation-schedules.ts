import type { TDb } from '@/server/db/client.ts';
import type { ReconciliationMode } from '@/prisma/generated/enums.ts';
import { reconciliationSettingsOf } from './reconciliation-settings.ts';

/** How applications' reconciliation crons reach the queue (pg-boss schedules, one per application and mode). */
export type TReconciliationScheduler = {
  set(
    applicationId: string,
    mode: Extract<ReconciliationMode, 'FULL' | 'INCREMENTAL'>,
    cron: string | null,
  ): Promise<void>;
  /** The schedules there are now, as application id and mode. */
  list(): Promise<Array<{ applicationId: string; mode: 'FULL' | 'INCREMENTAL' }>>;
};

/**
 * Makes the queue's schedules match the applications' settings (fullSchedule, incrementalSchedule):
 * run when the worker starts and after an application's reconciliation settings are saved. A
 * disabled application has none.
 */
export async function syncReconciliationSchedules(
  db: TDb,
  scheduler: TReconciliationScheduler,
): Promise<void> {
  const apps = await db.application.findMany({
    where: { connectorType: { not: 'MANUAL' } },
    select: { id: true, enabled: true, reconciliation: true },
  });
  const wanted = new Map<string, string>();
  for (const app of apps) {
    if (!app.enabled) continue;
    const settings = reconciliationSettingsOf(app.reconciliation);
    if (settings.fullSchedule) wanted.set(`${app.id}:FULL`, settings.fullSchedule);
    if (settings.incrementalSchedule) wanted.set(`${app.id}:INCREMENTAL`, settings.incrementalSchedule);
  }
  for (const [key, cron] of wanted) {
    const [applicationId, mode] = key.split(':') as [string, 'FULL' | 'INCREMENTAL'];
    await scheduler.set(applicationId, mode, cron);
  }
  for (const s of await scheduler.list()) {
    if (!wanted.has(`${s.applicationId}:${s.mode}`)) await scheduler.set(s.applicationId, s.mode, null);
  }
}
