import type { TDb } from '@/server/db/client.ts';

/** The teams an application can hand its manual work to. */
export async function listFulfilmentTeams(db: TDb) {
  const teams = await db.team.findMany({
    where: { purpose: 'FULFILMENT' },
    orderBy: { name: 'asc' },
    select: { id: true, name: true, description: true, _count: { select: { members: true } } },
  });
  return teams.map(({ _count, ...t }) => ({ ...t, members: _count.members }));
}
