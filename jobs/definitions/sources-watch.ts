import {
  closeInterruptedSourceRuns,
  dropFailedRunlessJobs,
  sweepStagedFiles,
  watchSourceFolders,
} from '@/server/modules/sources/index.ts';
import { defineJob } from '../define-job.ts';
import { sourceRunDeps } from './sources-run.ts';

/**
 * New files in HR CSV drop folders become runs; runs nothing will finish are closed as interrupted, and
 * failed cron jobs that opened no run are removed, as they would block their source's queue;
 * staged files no run will read (those of the runs just closed included) are swept.
 */
export const sourcesWatchJob = defineJob({
  name: 'sources.watch',
  schedule: '* * * * *',
  work: { batchSize: 1, pollingIntervalSeconds: 5 },
  async handle(jobs, ctx) {
    const runs = await watchSourceFolders(ctx.db, sourceRunDeps(ctx));
    if (runs.length) ctx.log(`picked up ${runs.length} HR file(s)`);
    const interrupted = await closeInterruptedSourceRuns(ctx.db, { now: new Date() });
    if (interrupted) ctx.log(`closed ${interrupted} HR run(s) whose process stopped before they finished`);
    for (const job of await dropFailedRunlessJobs(ctx.db))
      ctx.log(
        `removed the failed scheduled job ${job.jobId} of HR source ${job.source ?? job.sourceId}, which opened no run, so that the source's later runs are not blocked; its last error: ${job.error ?? 'none recorded'}`,
      );
    const swept = await sweepStagedFiles(ctx.db, { now: new Date() });
    if (swept) ctx.log(`deleted ${swept} staged HR file(s) no run will read`);
    return jobs.map((j) => ({ id: j.id, status: 'completed' as const }));
  },
});
