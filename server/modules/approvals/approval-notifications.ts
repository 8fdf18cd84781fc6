import type { Prisma } from '@/server/db/client.ts';
import { notify, type TNotificationInput } from '@/server/modules/notifications/index.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { type TSlackMessageKind, queueSlackApprovalMessages } from '@/server/modules/slack/index.ts';
import { delegatesOf } from './active-delegations.ts';

export type TRequestFacts = {
  id: string;
  kind: 'GRANT' | 'EXTEND';
  requesterId: string;
  beneficiaryId: string;
  justification: string;
  itemName: string;
  beneficiaryName: string;
};

export const itemPhrase = (r: Pick<TRequestFacts, 'kind' | 'itemName'>) =>
  r.kind === 'EXTEND' ? `an extension of ${r.itemName}` : r.itemName;

/** The inbox opened on this one request (a notification or an email is about that request, not a list). */
export const approvalLink = (requestId: string) => `/approvals?request=${requestId}`;

/** Tells each approver (and whoever stands in for them today) that a step is theirs. */
export async function notifyApprovers(
  tx: Prisma.TransactionClient,
  request: TRequestFacts,
  approverIds: string[],
  deps: {
    queue: TJobQueue;
    now: Date;
    kind?: string;
    titlePrefix?: string;
    /** What each approver (and who stands in for them) reads instead of the justification (an escalation names whom they replace). */
    bodyOf?: (approverId: string) => string;
  },
): Promise<void> {
  const delegates = await delegatesOf(tx, approverIds, deps.now);
  const title = `${deps.titlePrefix ?? ''}Approve ${itemPhrase(request)} for ${request.beneficiaryName}?`;
  const link = approvalLink(request.id);
  const messages: TNotificationInput[] = approverIds.flatMap((approverId) => {
    const body = deps.bodyOf?.(approverId) ?? request.justification;
    return [
      { recipientId: approverId, kind: deps.kind ?? 'approval.assigned', title, body, link },
      ...(delegates.get(approverId) ?? []).map((delegateId) => ({
        recipientId: delegateId,
        kind: deps.kind ?? 'approval.assigned',
        title: `${title} (standing in)`,
        body,
        link,
      })),
    ];
  });
  await notify(tx, messages, { queue: deps.queue });
  // The same people get the same ask in Slack when it is on, with buttons to decide (docs/decisions/072).
  const recipients = approverIds.flatMap((approverId) => [
    { approverId, recipientId: approverId },
    ...(delegates.get(approverId) ?? []).map((recipientId) => ({ approverId, recipientId })),
  ]);
  await queueSlackApprovalMessages(
    tx,
    { requestId: request.id, recipients, kind: slackKind(deps.kind) },
    { queue: deps.queue },
  );
}

const slackKind = (kind: string | undefined): TSlackMessageKind =>
  kind === 'approval.reminder' || kind === 'approval.escalated' ? kind : 'approval.assigned';

/** Tells the requester (and the beneficiary, when someone asked for them) what happened. */
export async function notifyRequester(
  tx: Prisma.TransactionClient,
  request: TRequestFacts,
  message: { kind: string; title: string; body?: string },
  deps: { queue: TJobQueue },
): Promise<void> {
  const recipients = [...new Set([request.requesterId, request.beneficiaryId])];
  await notify(
    tx,
    recipients.map((recipientId) => ({
      recipientId,
      kind: message.kind,
      title: message.title,
      body: message.body ?? '',
      link: '/requests',
    })),
    { queue: deps.queue },
  );
}
