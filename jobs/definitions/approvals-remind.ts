import { remindApprovers } from '@/server/modules/approvals/index.ts';
import { defineJob } from '../define-job.ts';

export const approvalsRemindJob = defineJob({
  name: 'approvals.remind',
  schedule: '*/10 * * * *',
  work: { batchSize: 1, pollingIntervalSeconds: 2 },
  async handle(jobs, ctx) {
    const { reminded } = await remindApprovers(ctx.db, { queue: ctx.queue });
    if (reminded) ctx.log(`reminded ${reminded} approvers`);
    return jobs.map((j) => ({ id: j.id, status: 'completed' as const }));
  },
});
