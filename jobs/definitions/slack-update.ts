import { mailSettings } from '@/server/env.ts';
import { updateApprovalMessages } from '@/server/modules/slack/index.ts';
import { defineJob } from '../define-job.ts';

/** After a decision: the request's Slack messages say who decided (docs/decisions/072). */
export const slackUpdateJob = defineJob({
  name: 'slack.update',
  work: { batchSize: 5, pollingIntervalSeconds: 1 },
  async handle(jobs, ctx) {
    const portalUrl = mailSettings().NEXTAUTH_URL;
    return Promise.all(
      jobs.map(async (job) => {
        try {
          await updateApprovalMessages(ctx.db, job.data, { secretKey: ctx.secretKey, portalUrl });
          return { id: job.id, status: 'completed' as const };
        } catch (error) {
          ctx.log(
            `slack: updating the messages of request ${job.data.requestId} failed: ${(error as Error).message}`,
          );
          return { id: job.id, status: 'failed' as const };
        }
      }),
    );
  },
});
