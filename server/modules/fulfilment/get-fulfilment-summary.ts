import type { TUserActor } from '@/server/auth/actor.ts';
import type { TDb } from '@/server/db/client.ts';
import { fulfilmentScope } from './fulfilment-scope.ts';

/** Whether the actor works fulfilment tasks at all, and how many are open for them: for the navigation. */
export async function getFulfilmentSummary(
  db: TDb,
  actor: TUserActor,
): Promise<{ isFulfiller: boolean; openTasks: number }> {
  const scope = await fulfilmentScope(db, actor);
  if (!scope.all && scope.teamIds.length === 0) return { isFulfiller: false, openTasks: 0 };
  const openTasks = await db.fulfilmentTask.count({
    where: { status: 'OPEN', ...(scope.all ? {} : { teamId: { in: scope.teamIds } }) },
  });
  return { isFulfiller: true, openTasks };
}
