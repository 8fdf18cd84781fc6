import { saveAccountRules as saveAccountRulesUseCase } from '@/server/modules/provisioning/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZSaveAccountRulesInput, ZSaveAccountRulesOutput } from './save-account-rules.schema.ts';

export const saveAccountRules = permissionProcedure('admin.applications.manage')
  .input(ZSaveAccountRulesInput)
  .output(ZSaveAccountRulesOutput)
  .mutation(({ ctx, input }) => saveAccountRulesUseCase(ctx.db, ctx.actor, input));
