import type { TActor } from '@/server/auth/actor.ts';
import { actorId } from '@/server/auth/actor.ts';
import type { Prisma } from '@/server/db/client.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import { notify } from '@/server/modules/notifications/index.ts';
import { planAccess, type TPlannedOperation } from '@/server/modules/provisioning/index.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { endGrants } from './grant-store.ts';

/**
 * What ending grants does to the extension requests still waiting on them: approvals'
 * closePendingExtensions, passed in by whoever ends the grant. Approvals finalises requests into
 * grants through access, so access is below it and never imports it (docs/decisions/097).
 */
export type TCloseExtensions = (
  tx: Prisma.TransactionClient,
  grantIds: string[],
  status: 'CANCELLED' | 'EXPIRED',
  deps: { queue: TJobQueue; now: Date },
) => Promise<void>;

/** Who took the access away, as the audit trail says it. */
export type TGrantEnder = 'holder' | 'manager' | 'admin' | 'review';

export type TEndGrantInput = {
  grantId: string;
  actor: TActor;
  by: TGrantEnder;
  reason: string | null;
  /** planAccess's reason: ACCESS_RELINQUISHED, ACCESS_REVOKED, ACCESS_REVIEW… */
  planReason: string;
  /** What else the audit event should carry (e.g. the review campaign and item). */
  metadata?: Record<string, unknown>;
  /** The holder's notification; none when they ended it themselves. */
  notice?: { title: string; body: string } | null;
};

/**
 * The core of taking access away, shared by a person revoking (revoke-grant.ts) and an access review
 * (server/modules/reviews/): the grant becomes REVOKED, its pending extensions are cancelled, the audit
 * says who and why, and the holder's access is re-planned through the one desired-state engine in the
 * caller's transaction, so the target changes by the normal provisioning path. A BIRTHRIGHT grant is
 * never ended here: it follows its rule. Returns null when the grant was no longer active.
 */
export async function endGrant(
  tx: Prisma.TransactionClient,
  input: TEndGrantInput,
  deps: { queue: TJobQueue; now: Date; closePendingExtensions: TCloseExtensions },
): Promise<{ operations: TPlannedOperation[] } | null> {
  const grant = await tx.grant.findUnique({
    where: { id: input.grantId },
    select: { id: true, identityId: true, source: true, entitlement: { select: { applicationId: true } } },
  });
  if (!grant || grant.source === 'BIRTHRIGHT') return null;
  const ended = await endGrants(tx, [grant.id], {
    status: 'REVOKED',
    at: deps.now,
    reason: input.reason,
    byId: actorId(input.actor),
  });
  if (ended.length === 0) return null;
  await deps.closePendingExtensions(tx, [grant.id], 'CANCELLED', { queue: deps.queue, now: deps.now });
  await recordAuditEvent(tx, {
    actor: input.actor,
    action: 'grant.revoked',
    entityType: 'Grant',
    entityId: grant.id,
    subjectId: grant.identityId,
    applicationId: grant.entitlement?.applicationId,
    before: { status: 'ACTIVE' },
    after: { status: 'REVOKED', reason: input.reason, by: input.by },
    ...(input.metadata ? { metadata: input.metadata } : {}),
  });
  const operations = await planAccess(
    tx,
    [grant.identityId],
    { reason: input.planReason, actor: input.actor, ref: `grant:${grant.id}` },
    { queue: deps.queue, now: deps.now },
  );
  if (input.notice)
    await notify(tx, [
      {
        recipientId: grant.identityId,
        kind: 'grant.revoked',
        title: input.notice.title,
        body: input.notice.body,
        link: '/access',
      },
    ]);
  return { operations };
}
