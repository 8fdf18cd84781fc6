import { previewBirthrightRule as previewBirthrightRuleUseCase } from '@/server/modules/birthright/index.ts';
import { permissionProcedure } from '../../init.ts';
import {
  ZPreviewBirthrightRuleInput,
  ZPreviewBirthrightRuleOutput,
} from './preview-birthright-rule.schema.ts';

/** What-if: who would gain and lose what, without saving. A query, so the editor can ask as you type. */
export const previewBirthrightRule = permissionProcedure('admin.birthright.manage')
  .input(ZPreviewBirthrightRuleInput)
  .output(ZPreviewBirthrightRuleOutput)
  .query(({ ctx, input }) => previewBirthrightRuleUseCase(ctx.db, input));
