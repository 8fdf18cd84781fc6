import { getFinding as getFindingUseCase } from '@/server/modules/reconciliation/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZGetFindingInput, ZGetFindingOutput } from './get-finding.schema.ts';

/** One finding with its context and history, if it is in the caller's review scope. */
export const getFinding = permissionProcedure('reconciliation.review')
  .input(ZGetFindingInput)
  .output(ZGetFindingOutput)
  .query(({ ctx, input }) => getFindingUseCase(ctx.db, ctx.actor, input, { now: new Date() }));
