import type { TDb } from '@/server/db/client.ts';

/** Everything a birthright rule can grant, for the rule editor's picker. */
export async function listGrantableItems(db: TDb) {
  const [entitlements, roles] = await Promise.all([
    db.entitlement.findMany({
      orderBy: [{ application: { name: 'asc' } }, { name: 'asc' }],
      select: { id: true, name: true, application: { select: { name: true } } },
    }),
    db.role.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true } }),
  ]);
  return [
    ...entitlements.map((e) => ({
      kind: 'ENTITLEMENT' as const,
      id: e.id,
      name: e.name,
      application: e.application.name,
    })),
    ...roles.map((r) => ({ kind: 'ROLE' as const, id: r.id, name: r.name, application: null })),
  ];
}
