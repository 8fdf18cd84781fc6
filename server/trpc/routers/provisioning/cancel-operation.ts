import { z } from 'zod';
import { cancelOperation as cancelOperationUseCase } from '@/server/modules/provisioning/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZId } from '../shared.schema.ts';

export const cancelOperation = permissionProcedure('provisioning.manage')
  .input(z.object({ operationId: ZId }))
  .output(z.object({ status: z.literal('CANCELLED') }))
  .mutation(({ ctx, input }) =>
    cancelOperationUseCase(ctx.db, ctx.actor, input.operationId, {
      queue: ctx.queue,
      queueAdmin: ctx.queueAdmin,
    }),
  );
