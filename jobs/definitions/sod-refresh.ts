import { runSodScan } from '@/server/modules/sod/index.ts';
import { defineJob } from '../define-job.ts';

/** The detective SoD check for the people a large plan touched (planAccess enqueues it with the plan). */
export const sodRefreshJob = defineJob({
  name: 'sod.refresh',
  work: { batchSize: 1, pollingIntervalSeconds: 2 },
  async handle(jobs, ctx) {
    const results = [];
    for (const job of jobs) {
      const r = await runSodScan(ctx.db, { identityIds: job.data.identityIds, queue: ctx.queue });
      ctx.log(`SoD refresh of ${job.data.identityIds.length} people: ${r.found} new, ${r.resolved} resolved`);
      results.push({ id: job.id, status: 'completed' as const });
    }
    return results;
  },
});
