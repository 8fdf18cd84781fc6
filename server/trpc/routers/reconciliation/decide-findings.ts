import { decideFindings as decideFindingsUseCase } from '@/server/modules/reconciliation/index.ts';
import { protectedProcedure } from '../../init.ts';
import { ZDecideFindingsInput, ZDecideFindingsOutput } from './decide-findings.schema.ts';

/**
 * Revert, adopt or accept findings as exceptions, one or many. Open to the identity team and to
 * owners: the use case checks every finding's scope (and refuses one about the caller's own access).
 */
export const decideFindings = protectedProcedure
  .input(ZDecideFindingsInput)
  .output(ZDecideFindingsOutput)
  .mutation(({ ctx, input }) => decideFindingsUseCase(ctx.db, ctx.actor, input, { queue: ctx.queue }));
