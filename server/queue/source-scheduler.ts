import type { PgBoss } from 'pg-boss';
import type { TSourceScheduler } from '@/server/modules/sources/index.ts';

const QUEUE = 'sources.run';

/** Sources' cron schedules as pg-boss schedules of the sources.run queue, one per source (key: its id). */
export function createSourceScheduler(boss: PgBoss): TSourceScheduler {
  return {
    validate(cron) {
      boss.previewSchedule(cron, { count: 1 });
    },
    async set(sourceId, cron) {
      if (cron)
        await boss.schedule(
          QUEUE,
          cron,
          { sourceId, trigger: 'SCHEDULE' },
          { key: sourceId, singletonKey: sourceId },
        );
      else await boss.unschedule(QUEUE, sourceId);
    },
    async list() {
      return (await boss.getSchedules(QUEUE)).map((s) => s.key).filter(Boolean);
    },
  };
}
