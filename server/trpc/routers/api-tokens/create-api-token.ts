import { createPersonalApiToken } from '@/server/modules/api-tokens/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZCreateApiTokenInput, ZCreateApiTokenOutput } from './create-api-token.schema.ts';

export const createApiToken = permissionProcedure('apiTokens.manageOwn')
  .input(ZCreateApiTokenInput)
  .output(ZCreateApiTokenOutput)
  .mutation(({ ctx, input }) => createPersonalApiToken(ctx.db, ctx.actor, input));
