import { revokeDelegation as revokeDelegationUseCase } from '@/server/modules/approvals/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZRevokeDelegationInput, ZRevokeDelegationOutput } from './delegations.schema.ts';

export const revokeDelegation = permissionProcedure('delegation.manage')
  .input(ZRevokeDelegationInput)
  .output(ZRevokeDelegationOutput)
  .mutation(({ ctx, input }) => revokeDelegationUseCase(ctx.db, ctx.actor, input.delegationId));
