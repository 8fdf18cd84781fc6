import { isAppError } from '@/server/lib/app-error.ts';
import { runAuditVerification } from '@/server/modules/audit/index.ts';
import { defineJob } from '../define-job.ts';

/** Verifies the audit chain daily and records the result (the audit log page shows the latest). */
export const auditVerifyJob = defineJob({
  name: 'audit.verify',
  schedule: '23 3 * * *',
  work: { batchSize: 1, pollingIntervalSeconds: 30 },
  async handle(jobs, ctx) {
    try {
      const v = await runAuditVerification(ctx.db, { trigger: 'SCHEDULE' });
      if (v.ok)
        ctx.log(
          `audit: chain intact, ${v.checkedSeals} seals, head ${v.head ? `${v.head.seq} ${v.head.hash}` : 'none'}; ${v.unsealedEvents} events awaiting a seal`,
        );
      else
        ctx.log(
          `audit: THE AUDIT CHAIN IS BROKEN at event ${v.firstBreak?.eventId ?? '?'} (seal ${v.firstBreak?.seq ?? '-'}): ${v.firstBreak?.reason}: ${v.firstBreak?.detail}`,
        );
    } catch (error) {
      // Someone pressed "verify now" at the same moment: that verification is recorded instead.
      if (!isAppError(error) || error.code !== 'CONFLICT') throw error;
      ctx.log('audit: a verification was already running; skipped this one');
    }
    return jobs.map((j) => ({ id: j.id, status: 'completed' as const }));
  },
});
