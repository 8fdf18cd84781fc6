import { listMyApiTokens as listMyApiTokensUseCase } from '@/server/modules/api-tokens/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZListMyApiTokensOutput } from './list-my-api-tokens.schema.ts';

export const listMyApiTokens = permissionProcedure('apiTokens.manageOwn')
  .output(ZListMyApiTokensOutput)
  .query(({ ctx }) => listMyApiTokensUseCase(ctx.db, ctx.actor));
