import type { Prisma, TDb } from '@/server/db/client.ts';
import type { OperationStatus } from '@/prisma/generated/enums.ts';
import type { TUserActor } from '@/server/auth/actor.ts';
import { isAboutThemselves } from '@/server/lib/self-decision.ts';
import { failureMessage } from './failure-cause.ts';
import { CANCELLABLE_STATUSES } from './manage-operation.ts';

export type TOperationFilter = {
  applicationId?: string;
  identityId?: string;
  statuses?: OperationStatus[];
  /** Failures of one cause (null: those recorded without one). */
  failureCause?: string | null;
  cursor?: string;
  limit: number;
};

/**
 * Every operation with its result, newest first: per person, per application, or by status; with
 * whether the actor could cancel it (cancelOperation: not yet in effect, not about their own access).
 */
export async function listOperations(db: TDb, actor: TUserActor, f: TOperationFilter) {
  const where: Prisma.ProvisioningOperationWhereInput = {
    ...(f.applicationId ? { applicationId: f.applicationId } : {}),
    ...(f.identityId ? { identityId: f.identityId } : {}),
    ...(f.statuses?.length ? { status: { in: f.statuses } } : {}),
    ...(f.failureCause !== undefined ? { failureCause: f.failureCause } : {}),
  };
  const rows = await db.provisioningOperation.findMany({
    where,
    orderBy: { sequence: 'desc' },
    take: f.limit + 1,
    ...(f.cursor ? { cursor: { id: f.cursor }, skip: 1 } : {}),
    select: {
      id: true,
      kind: true,
      status: true,
      identityId: true,
      reason: true,
      attempts: true,
      outcome: true,
      errorKind: true,
      lastError: true,
      failureCause: true,
      createdAt: true,
      finishedAt: true,
      result: true,
      application: { select: { id: true, name: true } },
      identity: { select: { id: true, displayName: true } },
      entitlement: { select: { id: true, name: true } },
      account: { select: { username: true, nativeId: true } },
    },
  });
  return {
    items: rows.slice(0, f.limit).map((r) => {
      const nativeId = (r.result as { nativeId?: string } | null)?.nativeId ?? r.account?.nativeId ?? null;
      const { identityId, ...row } = r;
      const canCancel = CANCELLABLE_STATUSES.includes(r.status) && !isAboutThemselves(actor, identityId);
      return { ...row, nativeId, message: failureMessage({ ...r, nativeId }), canCancel };
    }),
    nextCursor: rows.length > f.limit ? rows[f.limit - 1]!.id : null,
  };
}
