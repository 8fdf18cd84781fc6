import { listRuns as listRunsUseCase } from '@/server/modules/reconciliation/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZListRunsInput, ZListRunsOutput } from './list-runs.schema.ts';

/** Reconciliation runs, newest first, of one application or all. */
export const listRuns = permissionProcedure('reconciliation.read')
  .input(ZListRunsInput)
  .output(ZListRunsOutput)
  .query(async ({ ctx, input }) => {
    const page = await listRunsUseCase(ctx.db, input, { now: new Date() });
    return { rows: page.rows, nextCursor: page.next };
  });
