import { previewSodRule } from '@/server/modules/sod/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZPreviewSodRuleOutput, ZSaveSodRuleInput } from './sod.schema.ts';

/** Who violates this rule today, before it is saved. */
export const previewRule = permissionProcedure('admin.sod.manage')
  .input(ZSaveSodRuleInput)
  .output(ZPreviewSodRuleOutput)
  .query(({ ctx, input }) => previewSodRule(ctx.db, input));
