import { startReconciliation } from '@/server/modules/reconciliation/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZRunNowInput, ZRunNowOutput } from './run-now.schema.ts';

/** "Reconcile this application now" (or onboard it: its first run, correlating people). */
export const runNow = permissionProcedure('reconciliation.run')
  .input(ZRunNowInput)
  .output(ZRunNowOutput)
  .mutation(({ ctx, input }) =>
    startReconciliation(
      ctx.db,
      ctx.queue,
      {
        applicationId: input.applicationId,
        mode: input.mode,
        trigger: input.onboarding ? 'ONBOARDING' : 'MANUAL',
        requestedById: ctx.actor.identityId,
      },
      ctx.actor,
    ),
  );
