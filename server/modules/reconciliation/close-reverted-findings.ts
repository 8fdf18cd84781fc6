import { Prisma } from '@/server/db/client.ts';

/**
 * A revert's operation succeeded: its finding is resolved now rather than at the next run (which
 * would no longer see the fact). Called in the transaction that records the operations' success.
 */
export async function closeRevertedFindings(tx: Prisma.TransactionClient, operationIds: string[], at: Date): Promise<void> {
  if (operationIds.length === 0) return;
  await tx.$executeRaw`
    UPDATE "ReconciliationFinding"
       SET status = 'RESOLVED', resolution = 'Put back in the target', "resolvedAt" = ${at}
     WHERE status = 'IN_PROGRESS' AND decision = 'REVERT' AND "operationId" = ANY(${operationIds}::uuid[])`;
}
