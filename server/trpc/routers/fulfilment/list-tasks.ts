import { z } from 'zod';
import { listFulfilmentTasks } from '@/server/modules/fulfilment/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZTask } from './fulfilment.schema.ts';

export const listTasks = permissionProcedure('fulfilment.work')
  .input(z.object({ status: z.enum(['OPEN', 'CLOSED']).default('OPEN') }))
  .output(z.array(ZTask))
  .query(({ ctx, input }) => listFulfilmentTasks(ctx.db, ctx.actor, input));
