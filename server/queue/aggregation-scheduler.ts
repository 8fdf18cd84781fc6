import type { PgBoss } from 'pg-boss';
import type { TAggregationScheduler } from '@/server/modules/catalog/index.ts';

const QUEUE = 'catalog.aggregate';

/** Applications' aggregation schedules as pg-boss schedules of catalog.aggregate, one per application (key: its id). */
export function createAggregationScheduler(boss: PgBoss): TAggregationScheduler {
  return {
    async set(applicationId, cron) {
      if (cron)
        await boss.schedule(
          QUEUE,
          cron,
          { applicationId },
          { key: applicationId, singletonKey: applicationId },
        );
      else await boss.unschedule(QUEUE, applicationId);
    },
    async list() {
      return (await boss.getSchedules(QUEUE)).map((s) => s.key).filter(Boolean);
    },
  };
}
