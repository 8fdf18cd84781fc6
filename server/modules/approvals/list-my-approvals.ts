import type { TUserActor } from '@/server/auth/actor.ts';
import type { TDb } from '@/server/db/client.ts';

/** Steps waiting for the actor's decision, newest first, with what a decision needs. */
export async function listMyApprovals(db: TDb, actor: TUserActor, options: { status: 'PENDING' | 'DECIDED' }) {
  return db.approvalStep.findMany({
    where:
      options.status === 'PENDING'
        ? { approverId: actor.identityId, status: 'PENDING', stage: { status: 'PENDING' }, request: { status: 'PENDING' } }
        : { approverId: actor.identityId, status: { in: ['APPROVED', 'DENIED'] } },
    orderBy: { createdAt: 'desc' },
    take: 100,
    select: {
      id: true,
      status: true,
      reason: true,
      comment: true,
      decidedAt: true,
      createdAt: true,
      stage: { select: { name: true, position: true, mode: true, quorum: true } },
      request: {
        select: {
          id: true,
          justification: true,
          requestedEndsAt: true,
          createdAt: true,
          status: true,
          requester: { select: { id: true, displayName: true } },
          beneficiary: { select: { id: true, displayName: true, title: true, department: true } },
          entitlement: {
            select: { id: true, name: true, description: true, risk: true, application: { select: { name: true } } },
          },
          role: { select: { id: true, name: true, description: true, risk: true } },
        },
      },
    },
  });
}
