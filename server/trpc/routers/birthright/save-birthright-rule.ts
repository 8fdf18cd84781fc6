import { saveBirthrightRule as saveBirthrightRuleUseCase } from '@/server/modules/birthright/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZSaveBirthrightRuleInput, ZSaveBirthrightRuleOutput } from './save-birthright-rule.schema.ts';

export const saveBirthrightRule = permissionProcedure('admin.birthright.manage')
  .input(ZSaveBirthrightRuleInput)
  .output(ZSaveBirthrightRuleOutput)
  .mutation(({ ctx, input }) => saveBirthrightRuleUseCase(ctx.db, ctx.actor, input, { queue: ctx.queue }));
