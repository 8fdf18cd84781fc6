import { setDelegation as setDelegationUseCase } from '@/server/modules/approvals/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZSetDelegationInput, ZSetDelegationOutput } from './delegations.schema.ts';

/** Out of office: someone decides the actor's approval steps within a date range. */
export const setDelegation = permissionProcedure('delegation.manage')
  .input(ZSetDelegationInput)
  .output(ZSetDelegationOutput)
  .mutation(({ ctx, input }) => setDelegationUseCase(ctx.db, ctx.actor, input));
