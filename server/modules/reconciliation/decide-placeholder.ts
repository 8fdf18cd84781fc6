/*
 * PLACEHOLDER — replaced at merge by the engine/reactions branch.
 * Only so the review queue can be used and tested before the real decisions exist: it records an
 * EXCEPTION decision (reason and expiry) on findings in the actor's scope and refuses the others.
 * It does not audit; the real `decide` does.
 */
import type { TUserActor } from '@/server/auth/actor.ts';
import type { TPrisma } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { reviewScopeOf } from './review-scope.ts';

export type TDecideInput = {
  findingIds: string[];
  decision: 'REVERT' | 'ADOPT' | 'EXCEPTION';
  reason?: string;
  exceptionUntil?: string;
};

export async function decideFindingsPlaceholder(
  db: TPrisma,
  actor: TUserActor,
  input: TDecideInput,
  deps: { now: Date },
) {
  if (input.decision === 'EXCEPTION' && !input.reason?.trim())
    throw new AppError('INVALID_INPUT', 'An exception needs a reason', { field: 'reason' });
  const until = input.exceptionUntil ? new Date(`${input.exceptionUntil}T00:00:00Z`) : null;
  if (input.decision === 'EXCEPTION' && (!until || until <= deps.now))
    throw new AppError('INVALID_INPUT', 'An exception needs an expiry date in the future', {
      field: 'exceptionUntil',
    });
  const scope = await reviewScopeOf(db, actor);
  const refused: Array<{ findingId: string; reason: string }> = [];
  let decided = 0;
  for (const findingId of input.findingIds) {
    if (input.decision !== 'EXCEPTION') {
      refused.push({ findingId, reason: 'Revert and adopt are not available yet.' });
      continue;
    }
    const f = await db.reconciliationFinding.findUnique({
      where: { id: findingId },
      select: {
        status: true,
        entitlement: { select: { ownerId: true } },
        application: { select: { ownerId: true } },
      },
    });
    const inScope =
      f &&
      (scope.kind === 'ALL' ||
        (scope.kind === 'OWNED' &&
          (f.entitlement?.ownerId === actor.identityId || f.application.ownerId === actor.identityId)));
    if (!f || !inScope) refused.push({ findingId, reason: 'No such finding, or it is not yours to decide.' });
    else if (f.status !== 'OPEN' && f.status !== 'IN_PROGRESS')
      refused.push({ findingId, reason: 'It is already decided or resolved.' });
    else {
      await db.reconciliationFinding.update({
        where: { id: findingId },
        data: {
          status: 'EXCEPTION',
          decision: 'EXCEPTION',
          decisionReason: input.reason!.trim(),
          decidedById: actor.identityId,
          decidedAt: deps.now,
          exceptionUntil: until,
        },
      });
      decided += 1;
    }
  }
  return { decided, refused };
}
