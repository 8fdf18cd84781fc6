import { revokeScimToken as revokeScimTokenUseCase } from '@/server/modules/scim-server/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZRevokeScimTokenInput, ZRevokeScimTokenOutput } from './scim-tokens.schema.ts';

export const revokeScimToken = permissionProcedure('admin.scimTokens.manage')
  .input(ZRevokeScimTokenInput)
  .output(ZRevokeScimTokenOutput)
  .mutation(({ ctx, input }) => revokeScimTokenUseCase(ctx.db, ctx.actor, input.tokenId));
