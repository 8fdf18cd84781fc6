import { expireStaleRequests } from '@/server/modules/requests/index.ts';
import { defineJob } from '../define-job.ts';

export const requestsExpireJob = defineJob({
  name: 'requests.expire',
  schedule: '23 * * * *',
  work: { batchSize: 1, pollingIntervalSeconds: 5 },
  async handle(jobs, ctx) {
    const { expired } = await expireStaleRequests(ctx.db, { queue: ctx.queue });
    if (expired) ctx.log(`expired ${expired} undecided requests`);
    return jobs.map((j) => ({ id: j.id, status: 'completed' as const }));
  },
});
