import { denyAdoption as denyAdoptionUseCase } from '@/server/modules/reconciliation/index.ts';
import { protectedProcedure } from '../../init.ts';
import { ZDenyAdoptionInput, ZDenyAdoptionOutput } from './adoption-decision.schema.ts';

/** The entitlement owner refuses an adoption: the finding is open again for another decision. */
export const denyAdoption = protectedProcedure
  .input(ZDenyAdoptionInput)
  .output(ZDenyAdoptionOutput)
  .mutation(({ ctx, input }) => denyAdoptionUseCase(ctx.db, ctx.actor, input));
