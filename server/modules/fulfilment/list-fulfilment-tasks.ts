import type { TUserActor } from '@/server/auth/actor.ts';
import type { TDb } from '@/server/db/client.ts';
import { hasPermission } from '@/server/auth/permissions.ts';
import { isAboutThemselves } from '@/server/lib/self-decision.ts';
import { planReasonPhrase, requestIdOfCause } from '@/server/shared/plan-reasons.ts';
import { isRequestId, requestRefText } from '@/server/shared/request-number.ts';
import { fulfilmentScope } from './fulfilment-scope.ts';

/**
 * Tasks for the actor's fulfilment teams (open first, overdue first), with what they are about, why
 * they exist, and whether the actor may settle each: nobody settles a task about their own access
 * (settleFulfilmentTask).
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
          reason: true,
          causeRef: true,
          identity: { select: { id: true, displayName: true, email: true, department: true } },
          entitlement: { select: { name: true } },
          account: { select: { username: true, nativeId: true } },
        },
      },
    },
  });
  const openable = await openableRequests(
    db,
    actor,
    tasks.map((x) => x.operation.causeRef),
  );
  return tasks.map(({ operation: { identityId, reason, causeRef, ...operation }, ...task }) => {
    const requestId = requestIdOfCause(causeRef);
    return {
      ...task,
      operation,
      cause: {
        phrase: planReasonPhrase(reason),
        request: requestId
          ? { id: requestId, number: requestRefText(requestId), canOpen: openable.has(requestId) }
          : null,
      },
      canSettle: task.status === 'OPEN' && !isAboutThemselves(actor, identityId),
    };
  });
}

/**
 * The requests behind these causes the actor may open. A request's page is its evidence report, which
 * only readers of reports see (request-reports' getEvidence), and a request may have been deleted since:
 * a fulfiller gets a link only where it opens, and otherwise the request's number alone.
 */
async function openableRequests(db: TDb, actor: TUserActor, causeRefs: (string | null)[]) {
  if (!hasPermission(actor, 'reports.read')) return new Set<string>();
  const ids = [...new Set(causeRefs.map(requestIdOfCause))].filter(
    (id): id is string => id !== null && isRequestId(id),
  );
  if (ids.length === 0) return new Set<string>();
  const found = await db.accessRequest.findMany({ where: { id: { in: ids } }, select: { id: true } });
  return new Set(found.map((r) => r.id));
}
