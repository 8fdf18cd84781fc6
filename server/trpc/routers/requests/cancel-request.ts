import { z } from 'zod';
import { cancelAccessRequest } from '@/server/modules/requests/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZId } from '../shared.schema.ts';

export const ZCancelRequestInput = z.object({ requestId: ZId });

export const cancelRequest = permissionProcedure('request.create')
  .input(ZCancelRequestInput)
  .output(z.object({ status: z.literal('CANCELLED') }))
  .mutation(({ ctx, input }) =>
    cancelAccessRequest(ctx.db, ctx.actor, input.requestId, { queue: ctx.queue }),
  );
