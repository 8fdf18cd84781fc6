import { mailSettings } from '@/server/env.ts';
import { postApprovalMessage } from '@/server/modules/slack/index.ts';
import { defineJob } from '../define-job.ts';

/** One Slack message asking someone to decide a step (docs/decisions/072); a Slack error is retried with backoff (job-specs). */
export const slackPostJob = defineJob({
  name: 'slack.post',
  work: { batchSize: 5, pollingIntervalSeconds: 1 },
  async handle(jobs, ctx) {
    const portalUrl = mailSettings().NEXTAUTH_URL;
    return Promise.all(
      jobs.map(async (job) => {
        try {
          const outcome = await postApprovalMessage(ctx.db, job.data, {
            secretKey: ctx.secretKey,
            portalUrl,
          });
          if (outcome === 'unmapped')
            ctx.log(`slack: no Slack user for ${job.data.recipientId}; the portal and email still ask them`);
          return { id: job.id, status: 'completed' as const };
        } catch (error) {
          ctx.log(`slack: posting for step ${job.data.stepId} failed: ${(error as Error).message}`);
          return { id: job.id, status: 'failed' as const };
        }
      }),
    );
  },
});
