import { pruneSearchWords } from '@/server/modules/catalog/index.ts';
import { defineJob } from '../define-job.ts';

/** Nightly: the catalog search's words that no entitlement holds any more are deleted (docs/decisions/098). */
export const catalogPruneWordsJob = defineJob({
  name: 'catalog.prune-words',
  schedule: '47 2 * * *',
  work: { batchSize: 1, pollingIntervalSeconds: 5 },
  async handle(jobs, ctx) {
    const { pruned } = await pruneSearchWords(ctx.db);
    ctx.log(
      pruned === null
        ? 'search words not pruned: an entitlement was being written; next night'
        : `search words pruned: ${pruned}`,
    );
    return jobs.map((j) => ({ id: j.id, status: 'completed' as const }));
  },
});
