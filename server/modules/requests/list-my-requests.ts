import type { TUserActor } from '@/server/auth/actor.ts';
import type { TDb } from '@/server/db/client.ts';
import { operationEvents, summariseProvisioning, type TTimelineEvent } from './request-timeline.ts';

/**
 * The actor's requests (made by them or for them), each with its approval steps, provisioning
 * state and a timeline: submitted, decided by whom, provisioned, retrying or failed and why.
 */
export async function listMyRequests(db: TDb, actor: TUserActor, options: { limit: number }) {
  const requests = await db.accessRequest.findMany({
    where: { OR: [{ requesterId: actor.identityId }, { beneficiaryId: actor.identityId }] },
    orderBy: { createdAt: 'desc' },
    take: options.limit,
    select: {
      id: true,
      status: true,
      justification: true,
      requestedEndsAt: true,
      approvedEndsAt: true,
      createdAt: true,
      decidedAt: true,
      requester: { select: { id: true, displayName: true } },
      beneficiary: { select: { id: true, displayName: true } },
      entitlement: { select: { id: true, name: true, risk: true, application: { select: { name: true } } } },
      role: { select: { id: true, name: true, risk: true } },
      steps: {
        orderBy: { createdAt: 'asc' },
        select: {
          id: true,
          status: true,
          comment: true,
          decidedAt: true,
          reason: true,
          approver: { select: { displayName: true } },
          decidedBy: { select: { displayName: true } },
        },
      },
    },
  });
  const ops = await db.provisioningOperation.findMany({
    where: { causeRef: { in: requests.map((r) => `request:${r.id}`) } },
    orderBy: { sequence: 'asc' },
    select: {
      causeRef: true,
      kind: true,
      status: true,
      lastError: true,
      attempts: true,
      createdAt: true,
      finishedAt: true,
      entitlement: { select: { name: true } },
      application: { select: { name: true } },
    },
  });
  return requests.map((r) => {
    const mine = ops
      .filter((o) => o.causeRef === `request:${r.id}`)
      .map((o) => ({ ...o, entitlementName: o.entitlement?.name ?? null, applicationName: o.application.name }));
    const timeline: TTimelineEvent[] = [
      { at: r.createdAt, kind: 'submitted' as const, title: 'Submitted', actor: r.requester.displayName, detail: r.justification },
      ...r.steps
        .filter((s) => s.decidedAt && (s.status === 'APPROVED' || s.status === 'DENIED'))
        .map((s) => ({
          at: s.decidedAt!,
          kind: s.status === 'APPROVED' ? ('approved' as const) : ('denied' as const),
          title: s.status === 'APPROVED' ? 'Approved' : 'Denied',
          actor: s.decidedBy?.displayName ?? s.approver.displayName,
          detail: s.comment,
        })),
      ...(r.status === 'CANCELLED' && r.decidedAt ? [{ at: r.decidedAt, kind: 'cancelled' as const, title: 'Cancelled' }] : []),
      ...operationEvents(mine),
    ].sort((a, b) => a.at.getTime() - b.at.getTime());
    return {
      ...r,
      provisioning: r.status === 'APPROVED' ? summariseProvisioning(mine) : { state: 'none' as const, reason: null },
      pendingWith: r.status === 'PENDING' ? r.steps.filter((s) => s.status === 'PENDING').map((s) => s.approver.displayName) : [],
      timeline,
    };
  });
}
