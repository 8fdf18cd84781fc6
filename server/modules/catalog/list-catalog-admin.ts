import type { TDb } from '@/server/db/client.ts';

const SHOW = {
  all: {},
  unreviewed: { review: 'UNREVIEWED' },
  vanished: { vanishedAt: { not: null } },
} as const;

/**
 * Every entitlement of an application, requestable or not, with how many accounts hold it; or only
 * those aggregation found and nobody reviewed yet, or only those gone from the target.
 */
export async function listApplicationEntitlements(
  db: TDb,
  applicationId: string,
  show: keyof typeof SHOW = 'all',
) {
  const rows = await db.entitlement.findMany({
    where: { applicationId, ...SHOW[show] },
    orderBy: { name: 'asc' },
    select: {
      id: true,
      externalId: true,
      name: true,
      description: true,
      kind: true,
      risk: true,
      requestable: true,
      singleValued: true,
      maxDurationDays: true,
      review: true,
      lastSeenAt: true,
      vanishedAt: true,
      owner: { select: { id: true, displayName: true } },
      _count: { select: { memberships: true } },
    },
  });
  return rows.map(({ _count, ...e }) => ({ ...e, holders: _count.memberships }));
}

export async function listRoles(db: TDb) {
  const roles = await db.role.findMany({
    orderBy: { name: 'asc' },
    select: {
      id: true,
      key: true,
      name: true,
      description: true,
      risk: true,
      requestable: true,
      maxDurationDays: true,
      owner: { select: { id: true, displayName: true } },
      entitlements: {
        select: {
          entitlement: { select: { id: true, name: true, application: { select: { name: true } } } },
        },
      },
      _count: { select: { grants: { where: { status: 'ACTIVE' } } } },
    },
  });
  return roles.map(({ _count, entitlements, ...r }) => ({
    ...r,
    holders: _count.grants,
    entitlements: entitlements.map((e) => e.entitlement),
  }));
}
