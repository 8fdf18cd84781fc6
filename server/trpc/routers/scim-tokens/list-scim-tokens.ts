import { listScimTokens as listScimTokensUseCase } from '@/server/modules/scim-server/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZListScimTokensOutput } from './scim-tokens.schema.ts';

export const listScimTokens = permissionProcedure('admin.scimTokens.manage')
  .output(ZListScimTokensOutput)
  .query(({ ctx }) => listScimTokensUseCase(ctx.db));
