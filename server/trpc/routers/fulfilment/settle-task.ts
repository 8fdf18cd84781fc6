import { z } from 'zod';
import { settleFulfilmentTask } from '@/server/modules/fulfilment/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZSettleTaskInput } from './fulfilment.schema.ts';

/** Team membership is checked in the use case. */
export const settleTask = permissionProcedure('fulfilment.work')
  .input(ZSettleTaskInput)
  .output(z.object({ status: z.enum(['DONE', 'FAILED']) }))
  .mutation(({ ctx, input }) => settleFulfilmentTask(ctx.db, ctx.actor, input));
