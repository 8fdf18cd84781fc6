import { saveSodRule } from '@/server/modules/sod/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZIdOutput, ZSaveSodRuleInput } from './sod.schema.ts';

export const saveRule = permissionProcedure('admin.sod.manage')
  .input(ZSaveSodRuleInput)
  .output(ZIdOutput)
  .mutation(({ ctx, input }) => saveSodRule(ctx.db, ctx.actor, input, { queue: ctx.queue }));
