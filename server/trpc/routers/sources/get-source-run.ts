import { getSourceRun as getSourceRunUseCase } from '@/server/modules/sources/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZGetSourceRunInput, ZGetSourceRunOutput } from './get-source-run.schema.ts';

export const getSourceRun = permissionProcedure('admin.sources.manage')
  .input(ZGetSourceRunInput)
  .output(ZGetSourceRunOutput)
  .query(({ ctx, input }) => getSourceRunUseCase(ctx.db, ctx.actor, input));
