import type { TDb } from '@/server/db/client.ts';
import { loadTeamUsage } from './team-usage.ts';

/** Every team with how many people are in it and what uses it. */
export async function listTeams(db: TDb) {
  const teams = await db.team.findMany({
    orderBy: { name: 'asc' },
    select: {
      id: true,
      key: true,
      name: true,
      description: true,
      purpose: true,
      _count: { select: { members: true } },
    },
  });
  const usage = await loadTeamUsage(db, teams);
  return teams.map(({ _count, ...t }) => ({ ...t, members: _count.members, usedBy: usage.get(t.id)! }));
}
