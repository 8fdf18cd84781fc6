import type { TUserActor } from '@/server/auth/actor.ts';
import type { TDb } from '@/server/db/client.ts';
import { delegatorsOf } from './active-delegations.ts';

/**
 * Who I am and what waits for me: for the header and navigation. In approvals, not identities: what
 * waits is mostly approval steps, mine and those of the colleagues I stand in for, and identities
 * sits below approvals (docs/decisions/094).
 */
export async function getMySummary(db: TDb, actor: TUserActor) {
  const [identity, pendingApprovals, unreadNotifications] = await Promise.all([
    db.identity.findUniqueOrThrow({
      where: { id: actor.identityId },
      select: { id: true, username: true, displayName: true, email: true, title: true, department: true },
    }),
    // Steps of colleagues the actor stands in for count too (out-of-office delegation).
    delegatorsOf(db, actor.identityId, new Date()).then((onBehalfOf) =>
      db.approvalStep.count({
        where: {
          approverId: { in: [actor.identityId, ...onBehalfOf] },
          status: 'PENDING',
          stage: { status: 'PENDING' },
          request: { status: 'PENDING' },
        },
      }),
    ),
    db.notification.count({ where: { recipientId: actor.identityId, readAt: null } }),
  ]);
  return { identity, counts: { pendingApprovals, unreadNotifications } };
}
