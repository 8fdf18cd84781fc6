import { applyOperation } from '@/server/modules/provisioning/apply-operation.ts';
import { CONCURRENCY_TIERS } from '@/server/queue/job-specs.ts';
import { defineJob } from '../define-job.ts';

export const provisioningApplyJob = defineJob({
  name: 'provisioning.apply',
  work: {
    batchSize: Number(process.env.WORKER_BATCH_SIZE ?? 50),
    pollingIntervalSeconds: 0.5,
    // Per-target limit across every worker process: each application is a group whose tier names its limit.
    groupConcurrency: { default: 4, tiers: CONCURRENCY_TIERS },
  },
  async handle(jobs, ctx) {
    // A batch holds at most one job per account (key_strict_fifo hands out heads only), so the
    // operations are independent and run side by side.
    return Promise.all(
      jobs.map(async (job) => ({
        id: job.id,
        status: await applyOperation(ctx.db, job.data.operationId, { retryCount: job.retryCount, retryLimit: job.retryLimit }, ctx),
      })),
    );
  },
});
