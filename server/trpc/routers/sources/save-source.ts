import { saveSource as saveSourceUseCase } from '@/server/modules/sources/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZSaveSourceInput, ZSaveSourceOutput } from './save-source.schema.ts';
import { sourceFiles } from '@/server/uploads/source-files.ts';
import { sourceScheduler } from './source-deps.ts';

export const saveSource = permissionProcedure('admin.sources.manage')
  .input(ZSaveSourceInput)
  .output(ZSaveSourceOutput)
  .mutation(async ({ ctx, input }) =>
    saveSourceUseCase(ctx.db, ctx.actor, input, {
      secretKey: ctx.secretKey(),
      scheduler: await sourceScheduler(),
      files: sourceFiles(),
    }),
  );
