import { runLifecycleSweep } from '@/server/modules/lifecycle/index.ts';
import { replanHeldOnEnabled } from '@/server/modules/provisioning/index.ts';
import { defineJob } from '../define-job.ts';

/** Start dates and end dates, hourly; and changes held for an application enabled since. */
export const lifecycleSweepJob = defineJob({
  name: 'lifecycle.sweep',
  schedule: '7 * * * *',
  work: { batchSize: 1, pollingIntervalSeconds: 30 },
  async handle(jobs, ctx) {
    const result = await runLifecycleSweep(ctx.db, { queue: ctx.queue });
    if (result.started + result.left + result.prepared)
      ctx.log(
        `lifecycle: ${result.started} started, ${result.left} left, ${result.prepared} pre-hire accounts prepared`,
      );
    // Marks an enable's re-plan missed (a plan that committed after it read them): planned now.
    const held = await replanHeldOnEnabled(ctx.db, { queue: ctx.queue });
    if (held.identities)
      ctx.log(`held access: ${held.identities} people planned again after their application was enabled`);
    return jobs.map((j) => ({ id: j.id, status: 'completed' as const }));
  },
});
