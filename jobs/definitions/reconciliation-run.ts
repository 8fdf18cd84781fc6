import { systemActor } from '@/server/auth/actor.ts';
import { aggregateEntitlements } from '@/server/modules/catalog/index.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { runReconciliation, startReconciliation } from '@/server/modules/reconciliation/index.ts';
import { defineJob, type TWorkerContext } from '../define-job.ts';

/** A recorded run (run now, resync, onboarding), or an application's reconciliation cron coming due. */
export const reconciliationRunJob = defineJob({
  name: 'reconciliation.run',
  work: { batchSize: 1, pollingIntervalSeconds: 1 },
  async handle(jobs, ctx) {
    for (const job of jobs) {
      if (job.data.runId) await runReconciliation(ctx.db, job.data.runId, reconciliationDeps(ctx));
      else if (job.data.applicationId && job.data.mode)
        await startScheduled(ctx, job.data.applicationId, job.data.mode);
    }
    return jobs.map((j) => ({ id: j.id, status: 'completed' as const }));
  },
});

const reconciliationDeps = (ctx: TWorkerContext) => ({
  queue: ctx.queue,
  connectorFor: (app: Parameters<TWorkerContext['connectors']['get']>[0]) => ctx.connectors.get(app),
  aggregate: (applicationId: string) =>
    aggregateEntitlements(
      ctx.db,
      { applicationId, actor: systemActor('RECONCILIATION') },
      { secretKey: ctx.secretKey, queue: ctx.queue },
    ),
});

/** A schedule records its run like anyone else; one still running from before makes this one skip. */
async function startScheduled(ctx: TWorkerContext, applicationId: string, mode: 'FULL' | 'INCREMENTAL') {
  try {
    await startReconciliation(ctx.db, ctx.queue, { applicationId, mode, trigger: 'SCHEDULE' });
  } catch (error) {
    if (error instanceof AppError && ['CONFLICT', 'PRECONDITION_FAILED', 'NOT_FOUND'].includes(error.code)) {
      ctx.log(`reconciliation schedule of ${applicationId} skipped: ${error.message}`);
      return;
    }
    throw error;
  }
}
