import type { TUserActor } from '@/server/auth/actor.ts';
import type { TPrisma } from '@/server/db/client.ts';
import { isAppError } from '@/server/lib/app-error.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { assertDenialHasReason, decideApprovalStep } from './decide-approval-step.ts';

export type TDecideStepsInput = { stepIds: string[]; decision: 'APPROVE' | 'DENY'; comment?: string };
export type TDecideStepsResult = { decided: string[]; refused: Array<{ stepId: string; reason: string }> };

/**
 * One decision and one comment for many steps: each step goes through decideApprovalStep, the one
 * path that authorizes, locks, checks SoD and audits, in its own transaction, so a refused step
 * (someone's own request, already decided, a segregation-of-duties block) is reported with its
 * reason beside the others and never fails them. A denial without a reason refuses the whole call.
 */
export async function decideApprovalSteps(
  db: TPrisma,
  actor: TUserActor,
  input: TDecideStepsInput,
  deps: { queue: TJobQueue; now?: Date },
): Promise<TDecideStepsResult> {
  assertDenialHasReason(input);
  const result: TDecideStepsResult = { decided: [], refused: [] };
  for (const stepId of [...new Set(input.stepIds)]) {
    try {
      await decideApprovalStep(db, actor, { stepId, decision: input.decision, comment: input.comment }, deps);
      result.decided.push(stepId);
    } catch (error) {
      if (!isAppError(error)) throw error;
      result.refused.push({ stepId, reason: error.message });
    }
  }
  return result;
}
