import { retryFailures as retryFailuresUseCase } from '@/server/modules/provisioning/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZRetryFailuresInput, ZRetryFailuresOutput } from './retry-failures.schema.ts';

export const retryFailures = permissionProcedure('provisioning.manage')
  .input(ZRetryFailuresInput)
  .output(ZRetryFailuresOutput)
  .mutation(({ ctx, input }) =>
    retryFailuresUseCase(ctx.db, ctx.actor, input, { queue: ctx.queue, queueAdmin: ctx.queueAdmin }),
  );
