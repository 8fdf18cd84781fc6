import type { Prisma, TDb } from '@/server/db/client.ts';
import type { TTimelineOperation } from '@/server/modules/requests/index.ts';

/**
 * What provisioning did because of a request (its operations carry `request:<id>` as their cause):
 * per target, the operation, its state and times, the target's own id for the account (a DN, a
 * Salesforce Id; from the connector's result, else the account's, else what a fulfiller entered)
 * and the group's, and the target's error message when it failed.
 */
export async function loadRequestProvisioning(db: TDb, requestId: string) {
  const operations = await loadProvisioningOperations(db, { causeRef: `request:${requestId}` });
  const timelineOps: TTimelineOperation[] = operations.map((o) => ({
    kind: o.kind,
    status: o.status,
    lastError: o.lastError,
    attempts: o.attempts,
    createdAt: o.createdAt,
    finishedAt: o.finishedAt,
    entitlementName: o.entitlementName,
    applicationName: o.application.name,
  }));
  return { operations, timelineOps };
}

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
