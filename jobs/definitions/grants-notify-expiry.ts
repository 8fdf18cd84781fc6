import { notifyExpiringGrants } from '@/server/modules/access/index.ts';
import { defineJob } from '../define-job.ts';

export const grantsNotifyExpiryJob = defineJob({
  name: 'grants.notify-expiry',
  schedule: '41 * * * *',
  work: { batchSize: 1, pollingIntervalSeconds: 5 },
  async handle(jobs, ctx) {
    const { notified } = await notifyExpiringGrants(ctx.db, { queue: ctx.queue });
    if (notified) ctx.log(`told ${notified} holders their access ends soon`);
    return jobs.map((j) => ({ id: j.id, status: 'completed' as const }));
  },
});
