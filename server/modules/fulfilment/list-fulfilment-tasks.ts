import type { TUserActor } from '@/server/auth/actor.ts';
import type { TDb } from '@/server/db/client.ts';
import { isAboutThemselves } from '@/server/lib/self-decision.ts';
import { fulfilmentScope } from './fulfilment-scope.ts';

/**
 * Tasks for the actor's fulfilment teams (open first, overdue first), with what they are about and
 * whether the actor may settle each: nobody settles a task about their own access (settleFulfilmentTask).
 */
export async function listFulfilmentTasks(
  db: TDb,
  actor: TUserActor,
  options: { status: 'OPEN' | 'CLOSED' },
) {
  const scope = await fulfilmentScope(db, actor);
  if (!scope.all && scope.teamIds.length === 0) return [];
  const tasks = await db.fulfilmentTask.findMany({
    where: {
      status: options.status === 'OPEN' ? 'OPEN' : { in: ['DONE', 'FAILED', 'CANCELLED'] },
      ...(scope.all ? {} : { teamId: { in: scope.teamIds } }),
    },
    orderBy: options.status === 'OPEN' ? { dueAt: 'asc' } : { completedAt: 'desc' },
    take: 200,
    select: {
      id: true,
      status: true,
      instructions: true,
      targetId: true,
      failureReason: true,
      dueAt: true,
      completedAt: true,
      createdAt: true,
      application: { select: { id: true, name: true } },
      team: { select: { name: true } },
      operation: {
        select: {
          id: true,
          kind: true,
          identityId: true,
          identity: { select: { id: true, displayName: true, email: true, department: true } },
          entitlement: { select: { name: true } },
          account: { select: { username: true, nativeId: true } },
        },
      },
    },
  });
  return tasks.map(({ operation: { identityId, ...operation }, ...task }) => ({
    ...task,
    operation,
    canSettle: task.status === 'OPEN' && !isAboutThemselves(actor, identityId),
  }));
}
