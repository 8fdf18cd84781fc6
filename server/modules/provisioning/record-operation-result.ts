import type { TActor } from '@/server/auth/actor.ts';
import type { TOutcome } from '@/server/connectors/sdk/connector.ts';
import { Prisma } from '@/server/db/client.ts';
import { recordAuditEvents } from '@/server/modules/audit/index.ts';
import { closeRevertedFindings } from './settle-reverted-findings.ts';
import type { TOperationForApply } from './operation-repository.ts';

export type TExecuteResult = { outcome: TOutcome; nativeId?: string };

/**
 * Records that operations took effect in their targets (by a connector, or by a person fulfilling
 * them by hand), a few statements for any number: each operation's outcome, its account's native
 * ID, its membership's confirmation, and the audit. An operation no longer in `from` (cancelled
 * meanwhile) keeps its status.
 */
export async function recordOperationSuccesses(
  tx: Prisma.TransactionClient,
  done: Array<{ op: TOperationForApply; result: TExecuteResult }>,
  at: Date,
  actor: TActor,
  from: 'RUNNING' | 'WAITING',
) {
  if (done.length === 0) return;
  await tx.$executeRaw`
    UPDATE "ProvisioningOperation" AS o
       SET status = v.status, outcome = v.outcome, result = v.result, "errorKind" = NULL, "lastError" = NULL, "finishedAt" = ${at}
      FROM (VALUES ${Prisma.join(
        done.map(
          ({ op, result }) =>
            Prisma.sql`(${op.id}::uuid, ${result.outcome === 'noop' ? 'NOOP' : 'SUCCEEDED'}::"OperationStatus", ${result.outcome}, ${JSON.stringify(result.nativeId ? { nativeId: result.nativeId } : {})}::jsonb)`,
        ),
      )}) AS v(id, status, outcome, result)
     WHERE o.id = v.id AND o.status = ${from}::"OperationStatus"`;
  const withAccount = done.filter((d) => d.op.account);
  if (withAccount.length) {
    await tx.$executeRaw`
      UPDATE "Account" AS a
         SET "lastProvisionedAt" = ${at}, "nativeId" = COALESCE(v.native, a."nativeId"), "updatedAt" = ${at}
        FROM (VALUES ${Prisma.join(withAccount.map(({ op, result }) => Prisma.sql`(${op.account!.id}::uuid, ${result.nativeId ?? null}::text)`))}) AS v(id, native)
       WHERE a.id = v.id`;
  }
  const pairs = (kind: string) =>
    done
      .filter(({ op }) => op.kind === kind && op.account && op.entitlementId)
      .map(({ op }) => Prisma.sql`(${op.account!.id}::uuid, ${op.entitlementId}::uuid)`);
  const added = pairs('ADD_ENTITLEMENT');
  if (added.length) {
    // Only a membership still planned as ADDING becomes ACTIVE: a removal planned since wins.
    await tx.$executeRaw`
      UPDATE "AccountEntitlement" AS m SET status = 'ACTIVE', "confirmedAt" = ${at}, "updatedAt" = ${at}
        FROM (VALUES ${Prisma.join(added)}) AS v(account, entitlement)
       WHERE m."accountId" = v.account AND m."entitlementId" = v.entitlement AND m.status = 'ADDING'`;
  }
  const removed = pairs('REMOVE_ENTITLEMENT');
  if (removed.length) {
    await tx.$executeRaw`
      DELETE FROM "AccountEntitlement" AS m USING (VALUES ${Prisma.join(removed)}) AS v(account, entitlement)
       WHERE m."accountId" = v.account AND m."entitlementId" = v.entitlement AND m.status = 'REMOVING'`;
  }
  // A reconciliation revert that took effect closes its finding at once.
  await closeRevertedFindings(
    tx,
    done.filter(({ op }) => op.reason === 'RECONCILIATION').map(({ op }) => op.id),
    at,
  );
  await recordAuditEvents(
    tx,
    done.map(({ op, result }) => ({
      actor,
      action: 'provisioning.succeeded',
      entityType: 'ProvisioningOperation',
      entityId: op.id,
      subjectId: op.identityId,
      applicationId: op.application.id,
      after: {
        kind: op.kind,
        outcome: result.outcome,
        nativeId: result.nativeId ?? op.account?.nativeId ?? null,
      },
      metadata: {
        application: op.application.name,
        entitlement: op.entitlement?.externalId ?? null,
        reason: op.reason,
      },
    })),
  );
}
