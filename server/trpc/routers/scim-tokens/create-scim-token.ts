import { createScimToken as createScimTokenUseCase } from '@/server/modules/scim-server/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZCreateScimTokenInput, ZCreateScimTokenOutput } from './scim-tokens.schema.ts';

export const createScimToken = permissionProcedure('admin.scimTokens.manage')
  .input(ZCreateScimTokenInput)
  .output(ZCreateScimTokenOutput)
  .mutation(({ ctx, input }) =>
    createScimTokenUseCase(ctx.db, ctx.actor, { name: input.name, sourceId: input.sourceId }),
  );
