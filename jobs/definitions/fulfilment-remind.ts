import { remindOverdueTasks } from '@/server/modules/fulfilment/index.ts';
import { defineJob } from '../define-job.ts';

export const fulfilmentRemindJob = defineJob({
  name: 'fulfilment.remind',
  schedule: '17 * * * *',
  work: { batchSize: 1, pollingIntervalSeconds: 30 },
  async handle(jobs, ctx) {
    await remindOverdueTasks(ctx.db);
    return jobs.map((j) => ({ id: j.id, status: 'completed' as const }));
  },
});
