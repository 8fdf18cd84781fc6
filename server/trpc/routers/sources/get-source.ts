import { getSource as getSourceUseCase } from '@/server/modules/sources/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZGetSourceInput, ZGetSourceOutput } from './get-source.schema.ts';

export const getSource = permissionProcedure('admin.sources.manage')
  .input(ZGetSourceInput)
  .output(ZGetSourceOutput)
  .query(({ ctx, input }) => getSourceUseCase(ctx.db, input));
