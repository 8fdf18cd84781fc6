import { runSodScan } from '@/server/modules/sod/index.ts';
import { defineJob } from '../define-job.ts';

/** The detective segregation-of-duties scan, nightly (and on demand from the violations page). */
export const sodScanJob = defineJob({
  name: 'sod.scan',
  schedule: '30 2 * * *',
  work: { batchSize: 1, pollingIntervalSeconds: 5 },
  async handle(jobs, ctx) {
    const r = await runSodScan(ctx.db, { queue: ctx.queue });
    ctx.log(
      `SoD scan: ${r.open} open violations (${r.found} new, ${r.resolved} resolved, ${r.raisedAgain} raised again)`,
    );
    return jobs.map((j) => ({ id: j.id, status: 'completed' as const }));
  },
});
