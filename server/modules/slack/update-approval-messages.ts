import type { TPrisma } from '@/server/db/client.ts';
import { loadApprovalCard } from './load-approval-card.ts';
import { decidedMessage, type TCardOutcome, type TSlackMessageKind } from './slack-blocks.ts';
import { openSlackApi, type TSlackDeps } from './slack-connection.ts';

type TStepState = {
  status: string;
  comment: string | null;
  decidedBy: { displayName: string } | null;
  stage: {
    status: string;
    steps: Array<{ status: string; decidedAt: Date | null; decidedBy: { displayName: string } | null }>;
  };
  request: { status: string };
};

/** What a settled step's message says: who decided it, or who settled its stage, or what closed the request; null while it is still open. */
export function outcomeOf(step: TStepState): TCardOutcome | null {
  if (step.status === 'PENDING' && step.stage.status === 'PENDING' && step.request.status === 'PENDING')
    return null;
  if ((step.status === 'APPROVED' || step.status === 'DENIED') && step.decidedBy) {
    const reason = step.status === 'DENIED' && step.comment ? `: “${step.comment}”` : '';
    return {
      text: `${step.status === 'APPROVED' ? 'Approved' : 'Denied'} by ${step.decidedBy.displayName}${reason}`,
    };
  }
  const decider = step.stage.steps
    .filter((s) => (s.status === 'APPROVED' || s.status === 'DENIED') && s.decidedBy && s.decidedAt)
    .sort((a, b) => b.decidedAt!.getTime() - a.decidedAt!.getTime())[0];
  if (decider && (step.stage.status === 'APPROVED' || step.stage.status === 'DENIED')) {
    return {
      text: `No longer needed: ${decider.decidedBy!.displayName} ${decider.status === 'APPROVED' ? 'approved' : 'denied'} at this stage`,
    };
  }
  return { text: `No longer needed: the request is ${step.request.status.toLowerCase()}` };
}

/**
 * The slack.update job: every message about a step that is no longer open is rewritten (chat.update)
 * to say who decided, without its buttons, once. Messages of steps still open are left as they are.
 */
export async function updateApprovalMessages(
  db: TPrisma,
  input: { requestId: string },
  deps: TSlackDeps,
): Promise<{ updated: number }> {
  const api = await openSlackApi(db, deps.secretKey);
  if (!api) return { updated: 0 };
  const messages = await db.slackMessage.findMany({
    where: { requestId: input.requestId, updatedAt: null },
    orderBy: { postedAt: 'asc' },
    select: {
      id: true,
      stepId: true,
      recipientId: true,
      kind: true,
      channel: true,
      ts: true,
      step: {
        select: {
          status: true,
          comment: true,
          decidedBy: { select: { displayName: true } },
          stage: {
            select: {
              status: true,
              steps: {
                select: { status: true, decidedAt: true, decidedBy: { select: { displayName: true } } },
              },
            },
          },
          request: { select: { status: true } },
        },
      },
    },
  });
  let updated = 0;
  for (const m of messages) {
    const outcome = outcomeOf(m.step);
    if (!outcome) continue;
    const card = await loadApprovalCard(
      db,
      { stepId: m.stepId, recipientId: m.recipientId, kind: m.kind as TSlackMessageKind },
      deps,
    );
    if (!card) continue;
    const message = decidedMessage(card, outcome);
    await api.updateMessage(m.channel, m.ts, message.text, message.blocks);
    await db.slackMessage.update({ where: { id: m.id }, data: { updatedAt: deps.now ?? new Date() } });
    updated += 1;
  }
  return { updated };
}
