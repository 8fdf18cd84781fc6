import { Prisma } from '@/server/db/client.ts';

/*
 * What a revert's operation, once settled, does to its finding (docs/decisions/056). Called in the
 * worker's transaction that records the operation's outcome. It lives in provisioning, not
 * reconciliation, because reconciliation plans through provisioning: the finding that waits on an
 * operation is settled by the one who settles the operation (docs/decisions/094), as a team's task is.
 */

/** It took effect: the finding is resolved now rather than at the next run (which would no longer see the fact). */
export async function closeRevertedFindings(
  tx: Prisma.TransactionClient,
  operationIds: string[],
  at: Date,
): Promise<void> {
  if (operationIds.length === 0) return;
  await tx.$executeRaw`
    UPDATE "ReconciliationFinding"
       SET status = 'RESOLVED', resolution = 'Put back in the target', "resolvedAt" = ${at}
     WHERE status = 'IN_PROGRESS' AND decision = 'REVERT' AND "operationId" = ANY(${operationIds}::uuid[])`;
}

/**
 * It failed for good (the target refused, retries exhausted): the finding is open again for people,
 * keeping the operation that failed, rather than waiting IN_PROGRESS for ever.
 */
export async function reopenFailedReverts(
  tx: Prisma.TransactionClient,
  operationIds: string[],
): Promise<void> {
  if (operationIds.length === 0) return;
  await tx.$executeRaw`
    UPDATE "ReconciliationFinding" SET status = 'OPEN'
     WHERE status = 'IN_PROGRESS' AND decision = 'REVERT' AND "operationId" = ANY(${operationIds}::uuid[])`;
}
