import type { TUserActor } from '@/server/auth/actor.ts';
import type { TDb } from '@/server/db/client.ts';

/** Requestable business roles (bundles of entitlements) whose applications are all enabled, with what the actor holds or asked for. */
export async function listRequestableRoles(db: TDb, actor: TUserActor, q: { search?: string }) {
  const words = (q.search ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 8);
  const roles = await db.role.findMany({
    where: {
      requestable: true,
      entitlements: { some: {}, none: { entitlement: { application: { enabled: false } } } },
      AND: words.map((w) => ({
        OR: [
          { name: { contains: w, mode: 'insensitive' as const } },
          { description: { contains: w, mode: 'insensitive' as const } },
        ],
      })),
    },
    orderBy: { name: 'asc' },
    take: 100,
    select: {
      id: true,
      name: true,
      description: true,
      risk: true,
      maxDurationDays: true,
      owner: { select: { id: true, displayName: true } },
      entitlements: {
        select: {
          entitlement: { select: { id: true, name: true, application: { select: { name: true } } } },
        },
      },
      grants: { where: { identityId: actor.identityId, status: 'ACTIVE' }, select: { id: true } },
      requests: { where: { beneficiaryId: actor.identityId, status: 'PENDING' }, select: { id: true } },
    },
  });
  return roles.map(({ entitlements, grants, requests, ...r }) => ({
    ...r,
    entitlements: entitlements.map((e) => ({
      id: e.entitlement.id,
      name: e.entitlement.name,
      application: e.entitlement.application.name,
    })),
    isHeld: grants.length > 0,
    pendingRequestId: requests[0]?.id ?? null,
  }));
}
