import { listScimSources as listScimSourcesUseCase } from '@/server/modules/scim-server/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZListScimSourcesOutput } from './scim-tokens.schema.ts';

export const listScimSources = permissionProcedure('admin.scimTokens.manage')
  .output(ZListScimSourcesOutput)
  .query(({ ctx }) => listScimSourcesUseCase(ctx.db));
