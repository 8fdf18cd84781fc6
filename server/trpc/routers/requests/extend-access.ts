import { requestExtension } from '@/server/modules/requests/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZExtendAccessInput, ZExtendAccessOutput } from './extend-access.schema.ts';

/** The holder (or their manager) asks to keep time-bound access longer; the use case checks who. */
export const extendAccess = permissionProcedure('request.create')
  .input(ZExtendAccessInput)
  .output(ZExtendAccessOutput)
  .mutation(({ ctx, input }) => requestExtension(ctx.db, ctx.actor, input, { queue: ctx.queue }));
