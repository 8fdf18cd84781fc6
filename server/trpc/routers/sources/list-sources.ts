import { listSources as listSourcesUseCase } from '@/server/modules/sources/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZListSourcesOutput } from './list-sources.schema.ts';

export const listSources = permissionProcedure('admin.sources.manage')
  .output(ZListSourcesOutput)
  .query(({ ctx }) => listSourcesUseCase(ctx.db));
