import type { Prisma } from '@/prisma/generated/client.ts';
import type { TActor } from '@/server/auth/actor.ts';
import { closePendingExtensions } from '@/server/modules/approvals/index.ts';
import { recordAuditEvents } from '@/server/modules/audit/index.ts';
import { notify } from '@/server/modules/notifications/index.ts';
import { planAccess } from '@/server/modules/provisioning/index.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { endGrants } from '@/server/modules/access/index.ts';

/**
 * An entitlement the target no longer lists: it is flagged vanished and not requestable, the
 * grants made of it end (REVOKED with the reason, closed and kept, never deleted; planned through
 * planAccess like any other revocation) and its owner, or else the application's, is told.
 * Grants of roles that contain it are left alone: a role is more than one of its entitlements.
 * Returns how many grants ended.
 */
export async function endVanishedEntitlement(
  tx: Prisma.TransactionClient,
  input: {
    entitlementId: string;
    application: { id: string; name: string; ownerId: string | null };
    actor: TActor;
    now: Date;
  },
  deps: { queue: TJobQueue },
): Promise<number> {
  const { application, actor, now } = input;
  const entitlement = await tx.entitlement.update({
    where: { id: input.entitlementId },
    data: { vanishedAt: now, requestable: false },
    select: { id: true, name: true, externalId: true, ownerId: true },
  });
  const reason = `The group no longer exists in ${application.name}`;
  const grants = await tx.grant.findMany({
    where: { entitlementId: entitlement.id, status: 'ACTIVE' },
    select: { id: true, identityId: true, source: true },
  });
  if (grants.length) {
    await endGrants(
      tx,
      grants.map((g) => g.id),
      { status: 'REVOKED', at: now, reason },
    );
    await closePendingExtensions(
      tx,
      grants.map((g) => g.id),
      'CANCELLED',
      { queue: deps.queue, now },
    );
  }
  await recordAuditEvents(tx, [
    ...grants.map((g) => ({
      actor,
      action: 'grant.revoked' as const,
      entityType: 'Grant' as const,
      entityId: g.id,
      subjectId: g.identityId,
      applicationId: application.id,
      before: { status: 'ACTIVE' },
      after: { status: 'REVOKED', reason, source: g.source },
    })),
    {
      actor,
      action: 'catalog.entitlement_vanished' as const,
      entityType: 'Entitlement' as const,
      entityId: entitlement.id,
      applicationId: application.id,
      after: { name: entitlement.name, externalId: entitlement.externalId, grantsEnded: grants.length },
    },
  ]);
  await planAccess(
    tx,
    grants.map((g) => g.identityId),
    { reason: 'ENTITLEMENT_VANISHED', actor, ref: `entitlement:${entitlement.id}` },
    { queue: deps.queue, now },
  );
  const recipientId = entitlement.ownerId ?? application.ownerId;
  if (recipientId) {
    await notify(
      tx,
      [
        {
          recipientId,
          kind: 'catalog.entitlement_vanished',
          title: `${entitlement.name} no longer exists in ${application.name}`,
          body: grants.length
            ? `${grants.length === 1 ? '1 grant' : `${grants.length} grants`} of it ended. It is no longer offered in the catalog; if it comes back, review it before offering it again.`
            : 'Nobody held it through a grant. It is no longer offered in the catalog.',
          link: `/admin/applications/${application.id}?tab=entitlements`,
        },
      ],
      { queue: deps.queue },
    );
  }
  return grants.length;
}
