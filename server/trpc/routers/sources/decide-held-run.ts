import { decideHeldRun as decideHeldRunUseCase } from '@/server/modules/sources/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZDecideHeldRunInput, ZDecideHeldRunOutput } from './decide-held-run.schema.ts';

/** Confirm or discard a run the mass-change safeguard held. */
export const decideHeldRun = permissionProcedure('admin.sources.manage')
  .input(ZDecideHeldRunInput)
  .output(ZDecideHeldRunOutput)
  .mutation(({ ctx, input }) => decideHeldRunUseCase(ctx.db, ctx.actor, input, { queue: ctx.queue }));
