import { startGrants } from '@/server/modules/access/index.ts';
import { defineJob } from '../define-job.ts';

/** Time-bound access starts on time: grants written to start later are planned at their start. */
export const grantsStartJob = defineJob({
  name: 'grants.start',
  schedule: '*/5 * * * *',
  work: { batchSize: 1, pollingIntervalSeconds: 2 },
  async handle(jobs, ctx) {
    const { people } = await startGrants(ctx.db, { queue: ctx.queue });
    if (people) ctx.log(`planned ${people} people whose grants reached their start`);
    return jobs.map((j) => ({ id: j.id, status: 'completed' as const }));
  },
});
