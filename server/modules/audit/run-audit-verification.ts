import { inTransaction, Prisma, type TDb } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { insertVerification } from './audit-chain-store.ts';
import { toAuditVerification, type TAuditVerification } from './get-last-audit-verification.ts';
import { verifyAuditLog } from './verify-audit-log.ts';
import { lockInTransaction } from '@/server/db/advisory-lock.ts';

export type TVerificationTrigger = 'SCHEDULE' | 'MANUAL' | 'CLI';

const VERIFY_LOCK_KEY = 'audit:verify';

/**
 * Verifies the chain and records the result (AuditVerification), for the daily job, the portal's
 * "verify now" and `npm run audit:verify`. A walk reads every seal, so one runs at a time: a second
 * caller gets CONFLICT instead of a second full scan.
 */
export async function runAuditVerification(
  db: TDb,
  input: { trigger: TVerificationTrigger; actorId?: string | null },
  options: { inFlightWindowMs?: number } = {},
): Promise<TAuditVerification> {
  return inTransaction(
    db,
    async (tx) => {
      if (!(await lockInTransaction(tx, VERIFY_LOCK_KEY, { wait: false }))) {
        throw new AppError(
          'CONFLICT',
          'A verification of the audit log is running right now; its result shows here when it ends.',
        );
      }
      const started = performance.now();
      const result = await verifyAuditLog(tx, options);
      const row = await insertVerification(tx, {
        trigger: input.trigger,
        actorId: input.actorId ?? null,
        ok: result.ok,
        checkedSeals: result.checkedSeals,
        unsealedEvents: result.unsealedEvents,
        headSeq: result.head?.seq ?? null,
        headHash: result.head?.hash ?? null,
        breakReason: result.firstBreak?.reason ?? null,
        brokenEventId: result.firstBreak?.eventId ?? null,
        brokenSeq: result.firstBreak?.seq ?? null,
        breakDetail: result.firstBreak?.detail ?? null,
        durationMs: Math.round(performance.now() - started),
      });
      return toAuditVerification(row);
    },
    // One snapshot for the whole walk (see verifyAuditLog).
    {
      isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead,
      maxWait: 10_000,
      timeout: 60 * 60_000,
      isLongRead: true,
    },
  );
}
