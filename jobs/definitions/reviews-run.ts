import { runReviewSchedule } from '@/server/modules/reviews/index.ts';
import { defineJob } from '../define-job.ts';

/** Access reviews on time: start, recur, remind, close (every 15 minutes; idempotent). */
export const reviewsRunJob = defineJob({
  name: 'reviews.run',
  schedule: '*/15 * * * *',
  work: { batchSize: 1, pollingIntervalSeconds: 5 },
  async handle(jobs, ctx) {
    const r = await runReviewSchedule(ctx.db, { queue: ctx.queue });
    if (r.started.length + r.copies.length + r.closed.length + r.reminded)
      ctx.log(
        `reviews: started ${r.started.length + r.copies.length}, reminded ${r.reminded} items, closed ${r.closed.length}`,
      );
    return jobs.map((j) => ({ id: j.id, status: 'completed' as const }));
  },
});
