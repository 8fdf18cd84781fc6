import { retireSodRule } from '@/server/modules/sod/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZRetiredOutput, ZDeleteInput } from './sod.schema.ts';

export const deleteRule = permissionProcedure('admin.sod.manage')
  .input(ZDeleteInput)
  .output(ZRetiredOutput)
  .mutation(({ ctx, input }) => retireSodRule(ctx.db, ctx.actor, input.id));
