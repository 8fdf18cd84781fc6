import { expireGrants } from '@/server/modules/access/index.ts';
import { closePendingExtensions } from '@/server/modules/approvals/index.ts';
import { defineJob } from '../define-job.ts';

/** Time-bound access ends on time: every few minutes, through planAccess. */
export const grantsExpireJob = defineJob({
  name: 'grants.expire',
  schedule: '*/5 * * * *',
  work: { batchSize: 1, pollingIntervalSeconds: 2 },
  async handle(jobs, ctx) {
    const { expired } = await expireGrants(ctx.db, { queue: ctx.queue, closePendingExtensions });
    if (expired) ctx.log(`expired ${expired} grants`);
    return jobs.map((j) => ({ id: j.id, status: 'completed' as const }));
  },
});
