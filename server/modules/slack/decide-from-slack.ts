import type { TPrisma, TDb } from '@/server/db/client.ts';
import { isUniqueViolation } from '@/server/db/errors.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { decideApprovalStep, type TDecisionResult } from '@/server/modules/approvals/index.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { denyReasonView } from './slack-blocks.ts';
import { slackActorFor } from './slack-users.ts';
import type { TSlackApi } from './slack-web-api.ts';

const NOT_MAPPED =
  'Gatehouse does not know who you are in Slack: your Slack email must be the one Gatehouse has for you. Decide in the portal instead.';

/**
 * Remembers an accepted interaction by its signature; false when it was accepted before (a replay).
 * In PostgreSQL, so every web process agrees; the primary key decides between two at once.
 */
export async function recordSlackInteraction(db: TDb, signature: string, now: Date): Promise<boolean> {
  try {
    await db.slackInteraction.create({ data: { signature, receivedAt: now } });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/**
 * A decision made with a Slack button or dialog: the Slack user is mapped to their person, who then
 * decides through the portal's own use case (no self-approval, stand-ins, quorum, SoD), audited as
 * coming from Slack.
 */
export async function decideFromSlack(
  db: TPrisma,
  slackUserId: string,
  input: { stepId: string; decision: 'APPROVE' | 'DENY'; comment?: string },
  deps: { queue: TJobQueue; now?: Date },
): Promise<TDecisionResult> {
  const actor = await slackActorFor(db, slackUserId);
  if (!actor) throw new AppError('FORBIDDEN', NOT_MAPPED);
  return decideApprovalStep(
    db,
    actor,
    { stepId: input.stepId, decision: input.decision, comment: input.comment },
    deps,
  );
}

/**
 * Deny opens a dialog for the reason (views.open with the click's trigger_id), once the person is
 * known and the step still open; the decision itself comes with the dialog's submission.
 */
export async function openDenyDialog(
  db: TPrisma,
  api: TSlackApi,
  slackUserId: string,
  input: { stepId: string; triggerId: string },
): Promise<void> {
  const actor = await slackActorFor(db, slackUserId);
  if (!actor) throw new AppError('FORBIDDEN', NOT_MAPPED);
  const step = await db.approvalStep.findUnique({
    where: { id: input.stepId },
    select: {
      status: true,
      request: {
        select: {
          status: true,
          beneficiary: { select: { displayName: true } },
          entitlement: { select: { name: true } },
          role: { select: { name: true } },
        },
      },
    },
  });
  if (!step) throw new AppError('NOT_FOUND', 'No such approval step');
  if (step.status !== 'PENDING' || step.request.status !== 'PENDING')
    throw new AppError('STEP_ALREADY_DECIDED', 'This step has already been decided');
  const itemName = step.request.entitlement?.name ?? step.request.role?.name ?? 'access';
  await api.openView(
    input.triggerId,
    denyReasonView({ stepId: input.stepId, itemName, beneficiaryName: step.request.beneficiary.displayName }),
  );
}
