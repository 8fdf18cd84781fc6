import { watchSourceFolders } from '@/server/modules/sources/watch-source-folders.ts';
import { defineJob } from '../define-job.ts';
import { sourceRunDeps } from './sources-run.ts';

/** New files in HR CSV drop folders become runs. */
export const sourcesWatchJob = defineJob({
  name: 'sources.watch',
  schedule: '* * * * *',
  work: { batchSize: 1, pollingIntervalSeconds: 5 },
  async handle(jobs, ctx) {
    const runs = await watchSourceFolders(ctx.db, sourceRunDeps(ctx));
    if (runs.length) ctx.log(`picked up ${runs.length} HR file(s)`);
    return jobs.map((j) => ({ id: j.id, status: 'completed' as const }));
  },
});
