import type { TJobDefinition } from './define-job.ts';
import { approvalsEscalateJob } from './definitions/approvals-escalate.ts';
import { approvalsRemindJob } from './definitions/approvals-remind.ts';
import { grantsExpireJob } from './definitions/grants-expire.ts';
import { grantsNotifyExpiryJob } from './definitions/grants-notify-expiry.ts';
import { grantsStartJob } from './definitions/grants-start.ts';
import { notificationsEmailJob } from './definitions/notifications-email.ts';
import { requestsExpireJob } from './definitions/requests-expire.ts';
import { reviewsRunJob } from './definitions/reviews-run.ts';
import { slackPostJob } from './definitions/slack-post.ts';
import { slackUpdateJob } from './definitions/slack-update.ts';
import { sodRefreshJob } from './definitions/sod-refresh.ts';
import { sodScanJob } from './definitions/sod-scan.ts';

/** Approvals, requests, time-bound access, segregation of duties, access reviews, email and Slack. */
export const ACCESS_GOVERNANCE_JOBS = [
  notificationsEmailJob,
  approvalsRemindJob,
  approvalsEscalateJob,
  requestsExpireJob,
  grantsStartJob,
  grantsExpireJob,
  grantsNotifyExpiryJob,
  sodScanJob,
  sodRefreshJob,
  reviewsRunJob,
  slackPostJob,
  slackUpdateJob,
] as unknown as TJobDefinition[];
