import { applyBirthrightRule } from '@/server/modules/birthright/index.ts';
import { loadJobActor } from '@/server/auth/load-actor.ts';
import { defineJob } from '../define-job.ts';

/** A birthright rule changed: bring everyone it touches in line, in batches. */
export const birthrightApplyJob = defineJob({
  name: 'birthright.apply',
  work: { batchSize: 1, pollingIntervalSeconds: 1 },
  async handle(jobs, ctx) {
    for (const job of jobs) {
      const actor = await loadJobActor(ctx.db, job.data.actorId);
      const result = await applyBirthrightRule(
        ctx.db,
        { ruleId: job.data.ruleId, actor },
        { queue: ctx.queue },
      );
      ctx.log(
        `birthright rule ${job.data.ruleId}: ${result.changed} of ${result.people} people changed, ${result.operations} operations`,
      );
    }
    return jobs.map((j) => ({ id: j.id, status: 'completed' as const }));
  },
});
