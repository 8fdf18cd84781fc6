import { askManager as askManagerUseCase } from '@/server/modules/reconciliation/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZAskManagerInput, ZAskManagerOutput } from './ask-manager.schema.ts';

/** Ask the manager of a finding's person whether the access is expected (the use case checks the caller may decide it). */
export const askManager = permissionProcedure('reconciliation.review')
  .input(ZAskManagerInput)
  .output(ZAskManagerOutput)
  .mutation(({ ctx, input }) => askManagerUseCase(ctx.db, ctx.actor, input, { queue: ctx.queue }));
