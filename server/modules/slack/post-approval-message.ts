import type { TPrisma } from '@/server/db/client.ts';
import { canAct } from '@/server/auth/can-act.ts';
import { loadApprovalCard } from './load-approval-card.ts';
import { approvalMessage, type TSlackMessageKind } from './slack-blocks.ts';
import { openSlackApi, type TSlackDeps } from './slack-connection.ts';
import { slackUserFor } from './slack-users.ts';
import { updateApprovalMessages } from './update-approval-messages.ts';

export type TPostOutcome = 'posted' | 'off' | 'settled' | 'unmapped';

/**
 * The slack.post job: asks one person, in a direct message from the app, to decide one step, and
 * keeps where the message is so a decision can update it. A step settled before the job ran, a person
 * who may not act, or one Slack does not know (by email) gets nothing; the portal and email still have it.
 */
export async function postApprovalMessage(
  db: TPrisma,
  input: { stepId: string; recipientId: string; kind: TSlackMessageKind },
  deps: TSlackDeps,
): Promise<TPostOutcome> {
  const api = await openSlackApi(db, deps.secretKey);
  if (!api) return 'off';
  const now = deps.now ?? new Date();
  const step = await db.approvalStep.findUnique({
    where: { id: input.stepId },
    select: { status: true, requestId: true, stage: { select: { status: true } } },
  });
  if (step?.status !== 'PENDING' || step.stage.status !== 'PENDING') return 'settled';
  const recipient = await db.identity.findUnique({
    where: { id: input.recipientId },
    select: { id: true, email: true, status: true },
  });
  if (!recipient || !canAct(recipient.status)) return 'unmapped';
  const slackUserId = await slackUserFor(db, api, recipient, now);
  if (!slackUserId) return 'unmapped';
  const card = await loadApprovalCard(db, input, deps);
  if (!card) return 'settled';
  const message = approvalMessage(card);
  // A DM from the app: chat.postMessage with the user's id as the channel answers with the DM's channel id.
  const posted = await api.postMessage(slackUserId, message.text, message.blocks);
  await db.slackMessage.create({
    data: {
      stepId: input.stepId,
      requestId: step.requestId,
      recipientId: recipient.id,
      kind: input.kind,
      channel: posted.channel,
      ts: posted.ts,
      postedAt: now,
    },
  });
  // Decided while we posted: the update job may have run before this message was recorded, so bring it up to date now.
  const after = await db.approvalStep.findUnique({ where: { id: input.stepId }, select: { status: true } });
  if (after?.status !== 'PENDING') await updateApprovalMessages(db, { requestId: step.requestId }, deps);
  return 'posted';
}
