import path from 'node:path';
import { sourceFolderAllowList } from '@/server/lib/data-dir.ts';
import { runScheduledSource, runSource } from '@/server/modules/sources/index.ts';
import { defineJob, type TWorkerContext } from '../define-job.ts';

export const sourceRunDeps = (ctx: TWorkerContext) => ({
  queue: ctx.queue,
  files: { dir: path.resolve(ctx.dataDir), dropFolderRoots: sourceFolderAllowList() },
  secretKey: ctx.secretKey,
});

/** A source run (run now, upload, folder, confirmed after a hold), or a source's cron coming due. */
export const sourcesRunJob = defineJob({
  name: 'sources.run',
  work: { batchSize: 1, pollingIntervalSeconds: 1 },
  async handle(jobs, ctx) {
    for (const job of jobs) {
      if (job.data.runId) await runSource(ctx.db, job.data.runId, sourceRunDeps(ctx));
      else if (job.data.sourceId)
        await runScheduledSource(ctx.db, job.data.sourceId, job.id, sourceRunDeps(ctx));
    }
    return jobs.map((j) => ({ id: j.id, status: 'completed' as const }));
  },
});
