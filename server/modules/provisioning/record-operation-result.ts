import type { TActor } from '@/server/auth/actor.ts';
import type { TOutcome } from '@/server/connectors/sdk/connector.ts';
import type { Prisma } from '@/server/db/client.ts';
import { recordAuditEvent } from '@/server/modules/audit/record-audit-event.ts';
import type { TOperationForApply } from './operation-repository.ts';

export type TExecuteResult = { outcome: TOutcome; nativeId?: string };

/**
 * Records that an operation took effect in its target (by a connector, or by a person fulfilling
 * it by hand): the operation's outcome, the account's native ID, the membership's confirmation.
 */
export async function recordOperationSuccess(tx: Prisma.TransactionClient, op: TOperationForApply, result: TExecuteResult, at: Date, actor: TActor) {
  await tx.provisioningOperation.update({
    where: { id: op.id },
    data: {
      status: result.outcome === 'noop' ? 'NOOP' : 'SUCCEEDED',
      outcome: result.outcome,
      errorKind: null,
      finishedAt: at,
      result: result.nativeId ? { nativeId: result.nativeId } : {},
    },
  });
  if (op.account) {
    await tx.account.update({
      where: { id: op.account.id },
      data: { lastProvisionedAt: at, ...(result.nativeId ? { nativeId: result.nativeId } : {}) },
    });
    if (op.kind === 'ADD_ENTITLEMENT' && op.entitlementId) {
      // Only a membership still planned as ADDING becomes ACTIVE: a removal planned since wins.
      await tx.accountEntitlement.updateMany({
        where: { accountId: op.account.id, entitlementId: op.entitlementId, status: 'ADDING' },
        data: { status: 'ACTIVE', confirmedAt: at },
      });
    }
    if (op.kind === 'REMOVE_ENTITLEMENT' && op.entitlementId) {
      await tx.accountEntitlement.deleteMany({
        where: { accountId: op.account.id, entitlementId: op.entitlementId, status: 'REMOVING' },
      });
    }
  }
  await recordAuditEvent(tx, {
    actor,
    action: 'provisioning.succeeded',
    entityType: 'ProvisioningOperation',
    entityId: op.id,
    subjectId: op.identityId,
    after: { kind: op.kind, outcome: result.outcome, nativeId: result.nativeId ?? op.account?.nativeId ?? null },
    metadata: { application: op.application.name, entitlement: op.entitlement?.externalId ?? null, reason: op.reason },
  });
}
