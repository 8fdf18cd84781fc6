import { dismissHeldRun as dismissHeldRunUseCase } from '@/server/modules/reconciliation/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZDismissHeldRunOutput, ZHeldRunInput } from './held-run.schema.ts';

/** Carry out nothing of a held run: its findings stay open for people to decide. */
export const dismissHeldRun = permissionProcedure('reconciliation.decide')
  .input(ZHeldRunInput)
  .output(ZDismissHeldRunOutput)
  .mutation(({ ctx, input }) => dismissHeldRunUseCase(ctx.db, ctx.actor, input));
