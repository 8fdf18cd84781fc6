import { setPersonStatus } from '@/server/modules/lifecycle/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZSetStatusInput, ZSetStatusOutput } from './set-status.schema.ts';

/** Suspend, reactivate, or terminate now (the kill switch), with a reason. */
export const setStatus = permissionProcedure('identity.manage')
  .input(ZSetStatusInput)
  .output(ZSetStatusOutput)
  .mutation(({ ctx, input }) => setPersonStatus(ctx.db, ctx.actor, input, { queue: ctx.queue }));
