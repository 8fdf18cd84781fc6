import { previewRoleChange as previewRoleChangeUseCase } from '@/server/modules/catalog/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZPreviewRoleChangeInput, ZPreviewRoleChangeOutput } from './preview-role-change.schema.ts';

/** What-if for a role edit: who gains and loses what, SoD conflicts, mass change. Advisory: saveRole re-checks. */
export const previewRoleChange = permissionProcedure('admin.catalog.manage')
  .input(ZPreviewRoleChangeInput)
  .output(ZPreviewRoleChangeOutput)
  .query(({ ctx, input }) => previewRoleChangeUseCase(ctx.db, input));
