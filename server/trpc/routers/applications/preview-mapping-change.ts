import { previewMappingChange as previewMappingChangeUseCase } from '@/server/modules/applications/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZPreviewMappingChangeInput, ZPreviewMappingChangeOutput } from './preview-mapping-change.schema.ts';

/** Whose accounts a draft mapping would rewrite, and whether the mass-change guard would hold the save. */
export const previewMappingChange = permissionProcedure('admin.applications.manage')
  .input(ZPreviewMappingChangeInput)
  .output(ZPreviewMappingChangeOutput)
  .query(({ ctx, input }) => previewMappingChangeUseCase(ctx.db, input));
