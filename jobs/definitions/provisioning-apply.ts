import { applyJobs } from '@/server/modules/provisioning/index.ts';
import { CONCURRENCY_TIERS } from '@/server/queue/job-specs.ts';
import { workerTuning } from '@/server/env.ts';
import { defineJob } from '../define-job.ts';

const tuning = workerTuning();

export const provisioningApplyJob = defineJob({
  name: 'provisioning.apply',
  work: {
    batchSize: tuning.WORKER_BATCH_SIZE,
    // Only an idle loop waits for the poll: one that has just applied jobs fetches again at once (jobs/work-loops.ts).
    pollingIntervalSeconds: 0.5,
    // Several fetch loops, so that fetching and settling one batch overlaps applying another.
    localConcurrency: tuning.WORKER_FETCH_LOOPS,
    // Per-target limit across every worker process: each application is a group whose tier names its limit.
    groupConcurrency: { default: 4, tiers: CONCURRENCY_TIERS },
  },
  async handle(jobs, ctx) {
    // The singleton policy hands out at most one job per account: the batch's accounts are independent.
    const verdicts = await applyJobs(
      ctx.db,
      jobs.map((j) => ({
        jobId: j.id,
        operationIds: j.data.operationIds,
        retryCount: j.retryCount,
        retryLimit: j.retryLimit,
      })),
      ctx,
    );
    return jobs.map((j) => ({ id: j.id, status: verdicts.get(j.id) ?? 'failed' }));
  },
});
