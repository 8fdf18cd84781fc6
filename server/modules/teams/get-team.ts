import type { TDb } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { loadTeamUsage } from './team-usage.ts';

/** One team with its members (by name) and what uses it. */
export async function getTeam(db: TDb, id: string) {
  const team = await db.team.findUnique({
    where: { id },
    select: {
      id: true,
      key: true,
      name: true,
      description: true,
      purpose: true,
      createdAt: true,
      members: {
        orderBy: { identity: { displayName: 'asc' } },
        select: {
          identity: { select: { id: true, displayName: true, title: true, department: true, status: true } },
        },
      },
    },
  });
  if (!team) throw new AppError('NOT_FOUND', 'No such team');
  const usage = await loadTeamUsage(db, [team]);
  return { ...team, members: team.members.map((m) => m.identity), usedBy: usage.get(team.id)! };
}
