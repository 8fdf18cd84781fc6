import { z } from 'zod';
import { retryOperation as retryOperationUseCase } from '@/server/modules/provisioning/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZId } from '../shared.schema.ts';

export const retryOperation = permissionProcedure('provisioning.manage')
  .input(z.object({ operationId: ZId }))
  .output(z.object({ status: z.literal('PENDING') }))
  .mutation(({ ctx, input }) =>
    retryOperationUseCase(ctx.db, ctx.actor, input.operationId, {
      queue: ctx.queue,
      queueAdmin: ctx.queueAdmin,
    }),
  );
