import type { TUserActor } from '@/server/auth/actor.ts';
import type { Prisma, TDb } from '@/server/db/client.ts';
import type { RiskLevel } from '@/prisma/generated/enums.ts';
import { listCatalogConflicts } from '@/server/modules/sod/index.ts';

export type TCatalogQuery = {
  search?: string;
  applicationId?: string;
  risk?: RiskLevel;
  cursor?: string;
  limit: number;
};

/**
 * Requestable entitlements of enabled applications, searched by name, description and application
 * name, with what the actor already holds or has asked for and which would conflict with what they
 * hold (segregation of duties). Keyset paging on (name, id): `nextCursor` is the last id of the page.
 */
export async function listCatalog(db: TDb, actor: TUserActor, q: TCatalogQuery, deps: { now?: Date } = {}) {
  const words = (q.search ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 8);
  const where: Prisma.EntitlementWhereInput = {
    requestable: true,
    application: { enabled: true },
    ...(q.applicationId ? { applicationId: q.applicationId } : {}),
    ...(q.risk ? { risk: q.risk } : {}),
    AND: words.map((w) => ({
      OR: [
        { name: { contains: w, mode: 'insensitive' } },
        { description: { contains: w, mode: 'insensitive' } },
        { application: { name: { contains: w, mode: 'insensitive' } } },
      ],
    })),
  };
  const rows = await db.entitlement.findMany({
    where,
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    take: q.limit + 1,
    ...(q.cursor ? { cursor: { id: q.cursor }, skip: 1 } : {}),
    select: {
      id: true,
      name: true,
      description: true,
      risk: true,
      maxDurationDays: true,
      application: { select: { id: true, name: true } },
      owner: { select: { id: true, displayName: true } },
    },
  });
  const page = rows.slice(0, q.limit);
  const ids = page.map((r) => r.id);
  const [held, pending, conflicts] = await Promise.all([
    db.grant.findMany({
      where: { identityId: actor.identityId, status: 'ACTIVE', entitlementId: { in: ids } },
      select: { entitlementId: true },
    }),
    db.accessRequest.findMany({
      where: { beneficiaryId: actor.identityId, status: 'PENDING', entitlementId: { in: ids } },
      select: { entitlementId: true, id: true },
    }),
    listCatalogConflicts(db, actor.identityId, ids, deps.now ?? new Date()),
  ]);
  const heldSet = new Set(held.map((h) => h.entitlementId));
  const pendingMap = new Map(pending.map((p) => [p.entitlementId, p.id]));
  return {
    items: page.map((r) => ({
      ...r,
      isHeld: heldSet.has(r.id),
      pendingRequestId: pendingMap.get(r.id) ?? null,
      sodConflicts: conflicts
        .filter((c) => c.entitlementId === r.id)
        .map(({ ruleName, severity }) => ({ ruleName, severity })),
    })),
    nextCursor: rows.length > q.limit ? page.at(-1)!.id : null,
  };
}

export async function listCatalogApplications(db: TDb) {
  return db.application.findMany({
    where: { enabled: true, entitlements: { some: { requestable: true } } },
    select: { id: true, name: true },
    orderBy: { name: 'asc' },
  });
}
