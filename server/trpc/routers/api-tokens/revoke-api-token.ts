import { revokeApiToken as revokeApiTokenUseCase } from '@/server/modules/api-tokens/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZRevokeApiTokenInput, ZRevokeApiTokenOutput } from './revoke-api-token.schema.ts';

/** The use case keeps each person to their own tokens. */
export const revokeApiToken = permissionProcedure('apiTokens.manageOwn')
  .input(ZRevokeApiTokenInput)
  .output(ZRevokeApiTokenOutput)
  .mutation(({ ctx, input }) => revokeApiTokenUseCase(ctx.db, ctx.actor, input.tokenId));
