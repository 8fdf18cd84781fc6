import { defineJob } from '../define-job.ts';
import { workerMailer } from '../mail.ts';

/** One email per job; a refused or unreachable SMTP server is retried with backoff (job-specs). */
export const notificationsEmailJob = defineJob({
  name: 'notifications.email',
  work: { batchSize: 10, pollingIntervalSeconds: 1 },
  async handle(jobs, ctx) {
    const mailer = workerMailer();
    return Promise.all(
      jobs.map(async (job) => {
        try {
          const outcome = await mailer.send(job.data);
          if (outcome === 'skipped') ctx.log(`email to ${job.data.to} skipped: no SMTP_URL`);
          return { id: job.id, status: 'completed' as const };
        } catch (error) {
          ctx.log(`email to ${job.data.to} failed: ${(error as Error).message}`);
          return { id: job.id, status: 'failed' as const };
        }
      }),
    );
  },
});
