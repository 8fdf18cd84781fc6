import type { TUserActor } from '@/server/auth/actor.ts';
import { hasPermission } from '@/server/auth/permissions.ts';
import type { TPrisma } from '@/server/db/client.ts';
import { closePendingExtensions } from '@/server/modules/approvals/advance-request.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { recordAuditEvent } from '@/server/modules/audit/record-audit-event.ts';
import { notify } from '@/server/modules/notifications/notify.ts';
import { planAccess } from '@/server/modules/provisioning/plan-access.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';

/**
 * Ends a grant: the holder gives it up, their manager takes it away, or an identity admin does.
 * The removal is planned in the same transaction, through the one desired-state engine.
 */
export async function revokeGrant(
  db: TPrisma,
  actor: TUserActor,
  input: { grantId: string; reason?: string },
  deps: { queue: TJobQueue; now?: Date },
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
  const isManager = grant.identity.managerId === actor.identityId && hasPermission(actor, 'access.revokeTeam');
  if (!isSelf && !isManager && !hasPermission(actor, 'access.revokeAny')) {
    throw new AppError('FORBIDDEN', 'You can revoke only your own access and your direct reports’');
  }
  if (grant.source === 'BIRTHRIGHT') {
    throw new AppError('CONFLICT', 'This access comes from a birthright rule: it follows the rule, not a request');
  }
  const itemName = grant.entitlement?.name ?? grant.role?.name ?? 'access';
  return db.$transaction(async (tx) => {
    const updated = await tx.grant.updateMany({
      where: { id: grant.id, status: 'ACTIVE' },
      data: { status: 'REVOKED', revokedAt: now, revokedById: actor.identityId, revokeReason: input.reason ?? null },
    });
    if (updated.count === 0) throw new AppError('CONFLICT', 'This access has already ended');
    await closePendingExtensions(tx, [grant.id], 'CANCELLED', now);
    await recordAuditEvent(tx, {
      actor,
      action: 'grant.revoked',
      entityType: 'Grant',
      entityId: grant.id,
      subjectId: grant.identityId,
      applicationId: grant.entitlement?.applicationId,
      before: { status: 'ACTIVE' },
      after: { status: 'REVOKED', reason: input.reason ?? null, by: isSelf ? 'holder' : isManager ? 'manager' : 'admin' },
    });
    const operations = await planAccess(
      tx,
      [grant.identityId],
      { reason: isSelf ? 'ACCESS_RELINQUISHED' : 'ACCESS_REVOKED', actor, ref: `grant:${grant.id}` },
      { queue: deps.queue, now },
    );
    if (!isSelf) {
      await notify(tx, [
        { recipientId: grant.identityId, kind: 'grant.revoked', title: `${actor.displayName} removed your ${itemName} access`, body: input.reason ?? '', link: '/access' },
      ]);
    }
    return { status: 'REVOKED' as const, operations: operations.length };
  });
}
