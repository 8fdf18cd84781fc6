import type { TDb } from '@/server/db/client.ts';

/**
 * Failed operations counted by application and cause, the largest group first: one line for the
 * 37 people a missing group failed, instead of 37 lines. Counted in the database.
 */
export async function listFailureGroups(db: TDb) {
  const [groups, applications] = await Promise.all([
    db.provisioningOperation.groupBy({
      by: ['applicationId', 'failureCause'],
      where: { status: 'FAILED' },
      _count: { _all: true },
      _max: { finishedAt: true },
    }),
    db.application.findMany({ select: { id: true, name: true } }),
  ]);
  const names = new Map(applications.map((a) => [a.id, a.name]));
  return {
    groups: groups
      .map((g) => ({
        application: { id: g.applicationId, name: names.get(g.applicationId) ?? 'An application' },
        cause: g.failureCause,
        count: g._count._all,
        lastFailedAt: g._max.finishedAt,
      }))
      .sort(
        (a, b) => b.count - a.count || (b.lastFailedAt?.getTime() ?? 0) - (a.lastFailedAt?.getTime() ?? 0),
      ),
  };
}
