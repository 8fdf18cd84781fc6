import type { TActor } from '@/server/auth/actor.ts';
import type { TPrisma } from '@/server/db/client.ts';
import { isAppError } from '@/server/lib/app-error.ts';
import { decideFinding, type TDecideDeps, type TFindingDecision } from './decide-finding.ts';

export type TDecideFindingsResult = { decided: number; refused: Array<{ findingId: string; reason: string }> };

/**
 * A person's decision on one finding or many (the review queue's bulk action). Each finding is
 * decided in its own transaction: one refused (out of the caller's scope, about their own access,
 * already resolved, an SoD conflict…) never stops the others, and says why.
 */
export async function decideFindings(
  db: TPrisma,
  actor: TActor,
  input: { findingIds: string[]; decision: TFindingDecision['decision']; reason?: string | null; exceptionUntil?: string | null },
  deps: { queue: TDecideDeps['queue']; now?: Date },
): Promise<TDecideFindingsResult> {
  const now = deps.now ?? new Date();
  const decision: TFindingDecision = {
    decision: input.decision,
    reason: input.reason ?? null,
    // The last day the exception holds (UTC midnight); it lapses when that day is over.
    exceptionUntil: input.exceptionUntil ? new Date(`${input.exceptionUntil}T00:00:00Z`) : null,
  };
  const result: TDecideFindingsResult = { decided: 0, refused: [] };
  for (const findingId of [...new Set(input.findingIds)]) {
    try {
      await db.$transaction((tx) => decideFinding(tx, actor, findingId, decision, { queue: deps.queue, now }), { timeout: 60_000 });
      result.decided++;
    } catch (error) {
      if (!isAppError(error)) throw error;
      result.refused.push({ findingId, reason: error.message });
    }
  }
  return result;
}
