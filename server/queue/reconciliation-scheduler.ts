import type { PgBoss } from 'pg-boss';
import type { TReconciliationScheduler } from '@/server/modules/reconciliation/index.ts';

const QUEUE = 'reconciliation.run';

/** Applications' reconciliation crons as pg-boss schedules of reconciliation.run, keyed `<applicationId>/<mode>`. */
export function createReconciliationScheduler(boss: PgBoss): TReconciliationScheduler {
  return {
    async set(applicationId, mode, cron) {
      const key = `${applicationId}/${mode}`;
      if (cron) await boss.schedule(QUEUE, cron, { applicationId, mode }, { key });
      else await boss.unschedule(QUEUE, key);
    },
    async list() {
      return (await boss.getSchedules(QUEUE)).flatMap((s) => {
        const [applicationId, mode] = (s.key ?? '').split('/');
        return applicationId && (mode === 'FULL' || mode === 'INCREMENTAL') ? [{ applicationId, mode }] : [];
      });
    },
  };
}
