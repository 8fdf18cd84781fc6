import { systemActor } from '@/server/auth/actor.ts';
import { aggregateEntitlements } from '@/server/modules/catalog/index.ts';
import { defineJob } from '../define-job.ts';

/** An application's aggregation schedule came due: read its entitlements into the catalog. */
export const catalogAggregateJob = defineJob({
  name: 'catalog.aggregate',
  work: { batchSize: 1, pollingIntervalSeconds: 5 },
  async handle(jobs, ctx) {
    for (const job of jobs) {
      const r = await aggregateEntitlements(
        ctx.db,
        { applicationId: job.data.applicationId, actor: systemActor('SCHEDULER') },
        { secretKey: ctx.secretKey, queue: ctx.queue },
      );
      ctx.log(
        `catalog aggregation of ${job.data.applicationId}: ${r.found} found, ${r.discovered} new, ${r.vanished} gone, ${r.returned} back`,
      );
    }
    return jobs.map((j) => ({ id: j.id, status: 'completed' as const }));
  },
});
