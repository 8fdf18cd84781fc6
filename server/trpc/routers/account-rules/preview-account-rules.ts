import { previewAccountRules as previewAccountRulesUseCase } from '@/server/modules/provisioning/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZPreviewAccountRulesInput, ZPreviewAccountRulesOutput } from './preview-account-rules.schema.ts';

export const previewAccountRules = permissionProcedure('admin.applications.manage')
  .input(ZPreviewAccountRulesInput)
  .output(ZPreviewAccountRulesOutput)
  .query(({ ctx, input }) => previewAccountRulesUseCase(ctx.db, input));
