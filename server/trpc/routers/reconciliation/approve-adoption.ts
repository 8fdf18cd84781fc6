import { approveAdoption as approveAdoptionUseCase } from '@/server/modules/reconciliation/index.ts';
import { protectedProcedure } from '../../init.ts';
import { ZApproveAdoptionInput, ZApproveAdoptionOutput } from './adoption-decision.schema.ts';

/** The entitlement owner lets an adoption become a grant (the use case checks they are the owner). */
export const approveAdoption = protectedProcedure
  .input(ZApproveAdoptionInput)
  .output(ZApproveAdoptionOutput)
  .mutation(({ ctx, input }) => approveAdoptionUseCase(ctx.db, ctx.actor, input));
