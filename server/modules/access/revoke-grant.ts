import type { TUserActor } from '@/server/auth/actor.ts';
import { hasPermission } from '@/server/auth/permissions.ts';
import { inTransaction, REPEATABLE, type TDb } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { endGrant, type TCloseExtensions } from './end-grant.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';

/**
 * Ends a grant: the holder gives it up, their manager takes it away, or an identity admin does.
 * The removal is planned in the same transaction, through the one desired-state engine (end-grant.ts).
 */
export async function revokeGrant(
  db: TDb,
  actor: TUserActor,
  input: { grantId: string; reason?: string },
  deps: { queue: TJobQueue; now?: Date; closePendingExtensions: TCloseExtensions },
) {
  const now = deps.now ?? new Date();
  const grant = await db.grant.findUnique({
    where: { id: input.grantId },
    select: {
      id: true,
      identityId: true,
      status: true,
      source: true,
      identity: { select: { managerId: true, displayName: true } },
      entitlement: { select: { name: true, applicationId: true } },
      role: { select: { name: true } },
    },
  });
  if (!grant) throw new AppError('NOT_FOUND', 'No such grant');
  const isSelf = grant.identityId === actor.identityId;
  const isManager =
    grant.identity.managerId === actor.identityId && hasPermission(actor, 'access.revokeTeam');
  if (!isSelf && !isManager && !hasPermission(actor, 'access.revokeAny')) {
    throw new AppError('FORBIDDEN', 'You can revoke only your own access and your direct reports’');
  }
  if (grant.source === 'BIRTHRIGHT') {
    throw new AppError(
      'CONFLICT',
      'This access comes from a birthright rule: it follows the rule, not a request',
    );
  }
  const itemName = grant.entitlement?.name ?? grant.role?.name ?? 'access';
  const by = isSelf ? 'holder' : isManager ? 'manager' : 'admin';
  return inTransaction(
    db,
    async (tx) => {
      const ended = await endGrant(
        tx,
        {
          grantId: grant.id,
          actor,
          by,
          reason: input.reason ?? null,
          planReason: isSelf ? 'ACCESS_RELINQUISHED' : 'ACCESS_REVOKED',
          notice: isSelf
            ? null
            : { title: `${actor.displayName} removed your ${itemName} access`, body: input.reason ?? '' },
        },
        { queue: deps.queue, now, closePendingExtensions: deps.closePendingExtensions },
      );
      if (!ended) throw new AppError('CONFLICT', 'This access has already ended');
      return { status: 'REVOKED' as const, operations: ended.operations.length };
    },
    REPEATABLE,
  );
}
