import { z } from 'zod';
import { previewMapping as previewMappingUseCase } from '@/server/modules/applications/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZPreviewMappingInput } from './preview-mapping.schema.ts';

export const previewMapping = permissionProcedure('admin.applications.manage')
  .input(ZPreviewMappingInput)
  .output(
    z.object({
      username: z.string(),
      naming: z.string().nullable(),
      attributes: z.record(z.string(), z.string().nullable()),
    }),
  )
  .query(({ ctx, input }) => previewMappingUseCase(ctx.db, input));
