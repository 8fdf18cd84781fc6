import { systemActor } from '@/server/auth/actor.ts';
import { recordAuditEvents } from '@/server/modules/audit/index.ts';
import { inTransaction, type TDb } from '@/server/db/client.ts';
import { findingContext, lockFindingForDecision } from './finding-for-decision.ts';

const DAY_MS = 86_400_000;

/**
 * An exception holds through its last day (exceptionUntil, UTC); when that day is over then the finding comes back OPEN for a new decision
 * (the scheduler, every few minutes), audited for the person it is about.
 */
export async function reopenExpiredExceptions(
  db: TDb,
  deps: { now?: Date; batchSize?: number } = {},
): Promise<{ reopened: number }> {
  const now = deps.now ?? new Date();
  const due = await db.reconciliationFinding.findMany({
    where: { status: 'EXCEPTION', exceptionUntil: { lte: new Date(now.getTime() - DAY_MS) } },
    orderBy: { exceptionUntil: 'asc' },
    take: deps.batchSize ?? 500,
    select: { id: true },
  });
  let reopened = 0;
  for (const { id } of due) {
    reopened += await inTransaction(db, async (tx) => {
      const f = await lockFindingForDecision(tx, id);
      if (
        f.status !== 'EXCEPTION' ||
        !f.exceptionUntil ||
        f.exceptionUntil.getTime() + DAY_MS > now.getTime()
      )
        return 0;
      await tx.reconciliationFinding.update({
        where: { id },
        data: { status: 'OPEN', decision: null, decidedById: null, decidedAt: null },
      });
      await recordAuditEvents(tx, [
        {
          actor: systemActor('SCHEDULER'),
          action: 'reconciliation.exception_expired',
          entityType: 'ReconciliationFinding',
          entityId: id,
          subjectId: f.identityId,
          applicationId: f.applicationId,
          before: { status: 'EXCEPTION', exceptionUntil: f.exceptionUntil },
          after: { status: 'OPEN' },
          metadata: findingContext(f),
        },
      ]);
      return 1;
    });
  }
  return { reopened };
}
