import { systemActor } from '@/server/auth/actor.ts';
import type { ConnectorError } from '@/server/connectors/sdk/connector-error.ts';
import { inTransaction, Prisma, type TDb } from '@/server/db/client.ts';
import { recordAuditEvents } from '@/server/modules/audit/index.ts';
import { reopenFailedReverts } from './settle-reverted-findings.ts';
import { failureCause } from './failure-cause.ts';
import type { TOperationForApply } from './operation-repository.ts';

export type TFailed = {
  op: TOperationForApply;
  job: { retryCount: number; retryLimit: number };
  error: ConnectorError;
};

/**
 * Records a wave's failures, a few statements for any number of them (issue 14: they were recorded
 * one by one). A retryable one whose job has retries left waits as RETRYING (its account stops until
 * the job is retried); the others fail for good: status FAILED is the one record of a failure
 * (docs/decisions/074), with its cause, its audit event and, for a reconciliation revert, its
 * finding open again, all in one transaction. Returns the operations that wait for a retry.
 */
export async function recordOperationFailures(db: TDb, failed: TFailed[], at: Date): Promise<Set<string>> {
  const retry = failed.filter(({ error, job }) => error.isRetryable && job.retryCount < job.retryLimit);
  const final = failed.filter((f) => !retry.includes(f));
  const message = (e: ConnectorError) => `${e.kind}: ${e.message}`;
  // Each UPDATE takes only operations still RUNNING (as this wave claimed them): a job delivered
  // twice must not turn the other delivery's SUCCEEDED into FAILED, nor audit a failure it did not record.
  const retrying = new Set<string>();
  if (retry.length) {
    const rows = await db.$queryRaw<Array<{ id: string }>>`
      UPDATE "ProvisioningOperation" AS o SET status = 'RETRYING', "errorKind" = 'RETRYABLE', "lastError" = v.message
        FROM (VALUES ${Prisma.join(retry.map(({ op, error }) => Prisma.sql`(${op.id}::uuid, ${message(error)}::text)`))}) AS v(id, message)
       WHERE o.id = v.id AND o.status = 'RUNNING'
      RETURNING o.id::text AS id`;
    for (const r of rows) retrying.add(r.id);
  }
  if (final.length) {
    await inTransaction(db, async (tx) => {
      const rows = await tx.$queryRaw<Array<{ id: string }>>`
        UPDATE "ProvisioningOperation" AS o
           SET status = 'FAILED', "errorKind" = v.kind, "lastError" = v.message, "failureCause" = v.cause, "finishedAt" = ${at}
          FROM (VALUES ${Prisma.join(
            final.map(
              ({ op, error }) =>
                Prisma.sql`(${op.id}::uuid, ${error.isRetryable ? 'RETRIES_EXHAUSTED' : 'PERMANENT'}::text, ${message(error)}::text, ${failureCause(op.application.connectorType, error, op.account)}::text)`,
            ),
          )}) AS v(id, kind, message, cause)
         WHERE o.id = v.id AND o.status = 'RUNNING'
        RETURNING o.id::text AS id`;
      const recorded = new Set(rows.map((r) => r.id));
      const failedNow = final.filter(({ op }) => recorded.has(op.id));
      if (failedNow.length === 0) return;
      await reopenFailedReverts(
        tx,
        failedNow.filter(({ op }) => op.reason === 'RECONCILIATION').map(({ op }) => op.id),
      );
      await recordAuditEvents(
        tx,
        failedNow.map(({ op, error }) => ({
          actor: systemActor('WORKER'),
          action: 'provisioning.failed',
          entityType: 'ProvisioningOperation',
          entityId: op.id,
          subjectId: op.identityId,
          applicationId: op.application.id,
          after: { status: 'FAILED', kind: op.kind, error: error.message, errorKind: error.kind },
          metadata: { application: op.application.name, reason: op.reason },
        })),
      );
    });
  }
  return retrying;
}
