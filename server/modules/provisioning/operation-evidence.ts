import type { Prisma, TDb } from '@/server/db/client.ts';

/**
 * Operations as evidence (a request's, an access review's revocations): in the order they were
 * planned, with the target's ids and the manual fulfilment, if any.
 */
export async function loadProvisioningOperations(db: TDb, where: Prisma.ProvisioningOperationWhereInput) {
  const ops = await db.provisioningOperation.findMany({
    where,
    orderBy: { sequence: 'asc' },
    select: {
      id: true,
      identityId: true,
      entitlementId: true,
      causeRef: true,
      kind: true,
      status: true,
      reason: true,
      attempts: true,
      outcome: true,
      errorKind: true,
      lastError: true,
      result: true,
      createdAt: true,
      startedAt: true,
      finishedAt: true,
      application: { select: { id: true, name: true } },
      entitlement: { select: { name: true, externalId: true } },
      account: { select: { username: true, nativeId: true } },
      task: {
        select: {
          status: true,
          targetId: true,
          failureReason: true,
          completedAt: true,
          assignee: { select: { displayName: true } },
          team: { select: { name: true } },
        },
      },
    },
  });
  const operations = ops.map(({ result, task, account, entitlement, application, ...o }) => ({
    ...o,
    application,
    entitlementName: entitlement?.name ?? null,
    entitlementTargetId: entitlement?.externalId ?? null,
    accountUsername: account?.username ?? null,
    targetId:
      (result as { nativeId?: string } | null)?.nativeId ?? account?.nativeId ?? task?.targetId ?? null,
    fulfilment: task
      ? {
          status: task.status,
          targetId: task.targetId,
          failureReason: task.failureReason,
          completedAt: task.completedAt,
          assignee: task.assignee?.displayName ?? null,
          team: task.team?.name ?? null,
        }
      : null,
  }));
  return operations;
}
