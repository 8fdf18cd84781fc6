import type { Prisma } from '@/server/db/client.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import type { TJobPayload } from '@/server/queue/job-specs.ts';
import { isSlackEnabled } from './slack-setting.ts';

// Asking approvers in Slack is approvals' channel, as email is: approvals queues the jobs in the
// transaction of the change, the Slack module posts and updates the messages (jobs/definitions/
// slack-post.ts, slack-update.ts) and decides through approvals. Queued here, approvals never loads
// Slack (docs/decisions/097).

/** Which ask a Slack message is (the slack.post job's kind). */
export type TSlackMessageKind = TJobPayload<'slack.post'>['kind'];

/**
 * Enqueues, in the caller's transaction, one Slack message per recipient of a pending step (the
 * approver, or who stands in for them): the same people the in-app notification and email reach.
 * Nothing when Slack is off.
 */
export async function queueSlackApprovalMessages(
  tx: Prisma.TransactionClient,
  input: {
    requestId: string;
    recipients: Array<{ approverId: string; recipientId: string }>;
    kind: TSlackMessageKind;
    /** Whether Slack is on, when the caller read the setting in this transaction (slackSettingSql). */
    slackEnabled?: boolean;
  },
  deps: { queue: TJobQueue },
): Promise<void> {
  if (input.recipients.length === 0 || !(input.slackEnabled ?? (await isSlackEnabled(tx)))) return;
  const steps = await tx.approvalStep.findMany({
    where: {
      requestId: input.requestId,
      status: 'PENDING',
      stage: { status: 'PENDING' },
      approverId: { in: [...new Set(input.recipients.map((r) => r.approverId))] },
    },
    select: { id: true, approverId: true },
  });
  const stepOf = new Map(steps.map((s) => [s.approverId, s.id]));
  const jobs = input.recipients.flatMap((r) => {
    const stepId = stepOf.get(r.approverId);
    return stepId ? [{ payload: { stepId, recipientId: r.recipientId, kind: input.kind } }] : [];
  });
  if (jobs.length) await deps.queue.enqueue(tx, 'slack.post', jobs);
}

/**
 * After a decision or a closing: the requests' Slack messages are brought up to date. Queued whenever Slack is on,
 * not only when this transaction sees a message: a message being posted now is recorded after it
 * re-reads the step, and one of the two (its re-read, or this job, which runs after the decision
 * commits) sees the other's write.
 */
export async function queueSlackMessageUpdate(
  tx: Prisma.TransactionClient,
  requestIds: string | readonly string[],
  deps: { queue: TJobQueue },
): Promise<void> {
  const ids = typeof requestIds === 'string' ? [requestIds] : requestIds;
  if (ids.length === 0 || !(await isSlackEnabled(tx))) return;
  await deps.queue.enqueue(
    tx,
    'slack.update',
    ids.map((requestId) => ({ payload: { requestId } })),
  );
}
