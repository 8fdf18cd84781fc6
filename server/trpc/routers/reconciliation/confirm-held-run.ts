import { confirmHeldRun as confirmHeldRunUseCase } from '@/server/modules/reconciliation/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZConfirmHeldRunOutput, ZHeldRunInput } from './held-run.schema.ts';

/** Let a run the mass-change guard held carry out its reverts and adoptions. */
export const confirmHeldRun = permissionProcedure('reconciliation.decide')
  .input(ZHeldRunInput)
  .output(ZConfirmHeldRunOutput)
  .mutation(({ ctx, input }) => confirmHeldRunUseCase(ctx.db, ctx.actor, input, { queue: ctx.queue }));
