import { reopenExpiredExceptions } from '@/server/modules/reconciliation/index.ts';
import { defineJob } from '../define-job.ts';

/** A reconciliation exception comes back when it expires: every few minutes, the lapsed ones are reopened. */
export const reconciliationReopenExceptionsJob = defineJob({
  name: 'reconciliation.reopen-exceptions',
  schedule: '*/10 * * * *',
  work: { batchSize: 1, pollingIntervalSeconds: 5 },
  async handle(jobs, ctx) {
    const { reopened } = await reopenExpiredExceptions(ctx.db);
    if (reopened) ctx.log(`reopened ${reopened} reconciliation findings whose exception expired`);
    return jobs.map((j) => ({ id: j.id, status: 'completed' as const }));
  },
});
