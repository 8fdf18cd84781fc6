import { escalateOverdueSteps } from '@/server/modules/approvals/index.ts';
import { defineJob } from '../define-job.ts';

export const approvalsEscalateJob = defineJob({
  name: 'approvals.escalate',
  schedule: '*/10 * * * *',
  work: { batchSize: 1, pollingIntervalSeconds: 2 },
  async handle(jobs, ctx) {
    const { escalated } = await escalateOverdueSteps(ctx.db, { queue: ctx.queue });
    if (escalated) ctx.log(`escalated ${escalated} approval steps`);
    return jobs.map((j) => ({ id: j.id, status: 'completed' as const }));
  },
});
