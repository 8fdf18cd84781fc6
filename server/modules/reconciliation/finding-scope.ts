import type { TActor } from '@/server/auth/actor.ts';
import { hasPermission } from '@/server/auth/permissions.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { isAboutThemselves, selfDecisionError } from '@/server/lib/self-decision.ts';
import type { TFindingForDecision } from './finding-for-decision.ts';

/**
 * Who may decide a finding: the identity team on any, an entitlement's owner on findings about that
 * entitlement, an application's owner on its application's findings. Nobody decides a finding about
 * their own access. Checked on the server for every finding of a bulk decision.
 */
export function assertMayDecide(
  actor: TActor,
  f: Pick<TFindingForDecision, 'identityId'> & {
    entitlement: { ownerId: string | null } | null;
    application: { ownerId: string | null };
  },
): void {
  if (actor.kind === 'SYSTEM') return;
  if (isAboutThemselves(actor, f.identityId))
    throw selfDecisionError('decide a finding about your own access', 'someone else');
  if (hasPermission(actor, 'reconciliation.decide')) return;
  if (f.entitlement?.ownerId === actor.identityId || f.application.ownerId === actor.identityId) return;
  throw new AppError('FORBIDDEN', 'Not yours to decide: you own neither its entitlement nor its application');
}

/** assertMayDecide as a yes or no: what the queue tells the browser, so it offers controls only where the server would accept them. */
export function mayDecideFinding(actor: TActor, f: Parameters<typeof assertMayDecide>[1]): boolean {
  try {
    assertMayDecide(actor, f);
    return true;
  } catch (e) {
    if (e instanceof AppError) return false;
    throw e;
  }
}

/**
 * Who approves an adoption that waits for the owner: the entitlement's owner, or (an entitlement
 * nobody owns) the identity team; never the person concerned, nor whoever asked for it.
 */
export function assertMayApproveAdoption(
  actor: TActor,
  f: Pick<TFindingForDecision, 'identityId' | 'decidedById'> & {
    entitlement: { ownerId: string | null } | null;
  },
): void {
  if (actor.kind === 'SYSTEM') throw new AppError('FORBIDDEN', 'An adoption is approved by a person');
  if (isAboutThemselves(actor, f.identityId))
    throw selfDecisionError(
      'approve adopting access of your own',
      f.entitlement?.ownerId ? 'its entitlement’s owner' : 'another member of the identity team',
    );
  const owner = f.entitlement?.ownerId ?? null;
  if (
    owner
      ? owner === actor.identityId
      : hasPermission(actor, 'reconciliation.decide') && f.decidedById !== actor.identityId
  )
    return;
  throw new AppError(
    'NOT_ASSIGNED_APPROVER',
    owner
      ? 'Only the entitlement’s owner approves this adoption'
      : 'Another member of the identity team approves this adoption',
  );
}

/** Whether an adoption decided by this actor still needs the entitlement owner's approval. */
export function adoptionNeedsApproval(
  actor: TActor,
  f: TFindingForDecision,
  policyRequiresIt: boolean,
): boolean {
  if (!policyRequiresIt) return false;
  return actor.kind === 'SYSTEM' || f.entitlement?.ownerId !== actor.identityId;
}
