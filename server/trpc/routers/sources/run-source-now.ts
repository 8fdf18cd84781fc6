import { runSourceNow as runSourceNowUseCase } from '@/server/modules/sources/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZRunSourceNowInput, ZRunSourceNowOutput } from './run-source-now.schema.ts';
import { sourceFiles } from '@/server/uploads/source-files.ts';

export const runSourceNow = permissionProcedure('admin.sources.manage')
  .input(ZRunSourceNowInput)
  .output(ZRunSourceNowOutput)
  .mutation(({ ctx, input }) =>
    runSourceNowUseCase(ctx.db, ctx.actor, input, { queue: ctx.queue, files: sourceFiles() }),
  );
