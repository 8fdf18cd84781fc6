import { revokeMitigation as revokeMitigationUseCase } from '@/server/modules/sod/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZRevokedOutput, ZRevokeMitigationInput } from './sod.schema.ts';

export const revokeMitigation = permissionProcedure('sod.mitigate')
  .input(ZRevokeMitigationInput)
  .output(ZRevokedOutput)
  .mutation(({ ctx, input }) => revokeMitigationUseCase(ctx.db, ctx.actor, input.id));
