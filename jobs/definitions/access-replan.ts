import { replanAccess } from '@/server/modules/provisioning/index.ts';
import { loadJobActor } from '@/server/auth/load-actor.ts';
import { defineJob } from '../define-job.ts';

export const accessReplanJob = defineJob({
  name: 'access.replan',
  work: { batchSize: 1, pollingIntervalSeconds: 1 },
  async handle(jobs, ctx) {
    for (const job of jobs) {
      const actor = await loadJobActor(ctx.db, job.data.actorId);
      await replanAccess(
        ctx.db,
        {
          applicationId: job.data.applicationId,
          identityIds: job.data.identityIds,
          reason: job.data.reason,
          actor,
          accessChanged: job.data.accessChanged,
        },
        { queue: ctx.queue },
      );
    }
    return jobs.map((j) => ({ id: j.id, status: 'completed' as const }));
  },
});
