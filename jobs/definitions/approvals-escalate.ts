import { escalateOverdueSteps, handOnStepsOfIdleApprovers } from '@/server/modules/approvals/index.ts';
import { defineJob } from '../define-job.ts';

export const approvalsEscalateJob = defineJob({
  name: 'approvals.escalate',
  schedule: '*/10 * * * *',
  work: { batchSize: 1, pollingIntervalSeconds: 2 },
  async handle(jobs, ctx) {
    const { escalated } = await escalateOverdueSteps(ctx.db, { queue: ctx.queue });
    if (escalated) ctx.log(`escalated ${escalated} approval steps`);
    // Steps of people who cannot act that their leaver's hand-on could not see (a submission racing it).
    const handedOn = await handOnStepsOfIdleApprovers(ctx.db, { queue: ctx.queue });
    if (handedOn.escalated) ctx.log(`handed on ${handedOn.escalated} steps of people who cannot act`);
    return jobs.map((j) => ({ id: j.id, status: 'completed' as const }));
  },
});
