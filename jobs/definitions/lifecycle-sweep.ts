import { runLifecycleSweep } from '@/server/modules/lifecycle/index.ts';
import { defineJob } from '../define-job.ts';

/** Start dates and end dates, hourly. */
export const lifecycleSweepJob = defineJob({
  name: 'lifecycle.sweep',
  schedule: '7 * * * *',
  work: { batchSize: 1, pollingIntervalSeconds: 30 },
  async handle(jobs, ctx) {
    const result = await runLifecycleSweep(ctx.db, { queue: ctx.queue });
    if (result.started + result.left + result.prepared)
      ctx.log(
        `lifecycle: ${result.started} started, ${result.left} left, ${result.prepared} pre-hire accounts prepared`,
      );
    return jobs.map((j) => ({ id: j.id, status: 'completed' as const }));
  },
});
