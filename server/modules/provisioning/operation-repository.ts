import type { TDb } from '@/server/db/client.ts';

const OPERATION_FOR_APPLY = {
  id: true,
  sequence: true,
  kind: true,
  status: true,
  payload: true,
  reason: true,
  identityId: true,
  entitlementId: true,
  account: { select: { id: true, nativeId: true, username: true, status: true } },
  entitlement: { select: { externalId: true, kind: true, name: true } },
  application: {
    select: {
      id: true,
      name: true,
      connectorType: true,
      config: true,
      secrets: true,
      updatedAt: true,
      enabled: true,
      concurrency: true,
      fulfilmentTeamId: true,
    },
  },
} as const;

export async function loadOperationForApply(db: TDb, id: string) {
  return db.provisioningOperation.findUnique({ where: { id }, select: OPERATION_FOR_APPLY });
}

export type TOperationForApply = NonNullable<Awaited<ReturnType<typeof loadOperationForApply>>>;

/**
 * For the accounts of these operations: every operation not yet settled, up to the last of them in
 * `sequence` order, so that earlier plans' work for the same account is applied first.
 */
export async function loadOpenOperationsOfAccounts(
  db: TDb,
  operationIds: string[],
): Promise<Map<string, TOperationForApply[]>> {
  const requested = await db.provisioningOperation.findMany({
    where: { id: { in: operationIds } },
    select: { accountId: true, sequence: true },
  });
  const upTo = new Map<string, bigint>();
  for (const r of requested) {
    if (r.accountId && (upTo.get(r.accountId) ?? -1n) < r.sequence) upTo.set(r.accountId, r.sequence);
  }
  if (upTo.size === 0) return new Map();
  const open = await db.provisioningOperation.findMany({
    where: { accountId: { in: [...upTo.keys()] }, status: { in: ['PENDING', 'RUNNING', 'RETRYING'] } },
    orderBy: { sequence: 'asc' },
    select: OPERATION_FOR_APPLY,
  });
  const byAccount = new Map<string, TOperationForApply[]>();
  for (const op of open) {
    const accountId = op.account!.id;
    if (op.sequence > upTo.get(accountId)!) continue;
    byAccount.set(accountId, [...(byAccount.get(accountId) ?? []), op]);
  }
  return byAccount;
}
