import { getRun as getRunUseCase } from '@/server/modules/reconciliation/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZGetRunInput, ZGetRunOutput } from './get-run.schema.ts';

/** One run and its live counters (the progress bar polls this while it runs). */
export const getRun = permissionProcedure('reconciliation.read')
  .input(ZGetRunInput)
  .output(ZGetRunOutput)
  .query(({ ctx, input }) => getRunUseCase(ctx.db, input, { now: new Date() }));
