import type { TDb } from '@/server/db/client.ts';

/** Teams a stage can name as its reviewers: any team with members (an empty one could decide nothing). */
export async function listReviewerTeams(db: TDb) {
  const teams = await db.team.findMany({
    where: { members: { some: {} } },
    orderBy: { name: 'asc' },
    select: { id: true, name: true, _count: { select: { members: true } } },
  });
  return teams.map((t) => ({ id: t.id, name: t.name, members: t._count.members }));
}
