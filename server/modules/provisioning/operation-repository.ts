import type { TDb } from '@/server/db/client.ts';

export async function loadOperationForApply(db: TDb, id: string) {
  return db.provisioningOperation.findUnique({
    where: { id },
    select: {
      id: true,
      kind: true,
      status: true,
      payload: true,
      reason: true,
      identityId: true,
      entitlementId: true,
      account: { select: { id: true, nativeId: true, username: true, status: true } },
      entitlement: { select: { externalId: true, kind: true, name: true } },
      application: {
        select: { id: true, name: true, connectorType: true, config: true, secrets: true, updatedAt: true, enabled: true, fulfilmentTeamId: true },
      },
    },
  });
}

export type TOperationForApply = NonNullable<Awaited<ReturnType<typeof loadOperationForApply>>>;
