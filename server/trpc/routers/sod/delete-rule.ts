import { deleteSodRule } from '@/server/modules/sod/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZDeletedOutput, ZDeleteInput } from './sod.schema.ts';

export const deleteRule = permissionProcedure('admin.sod.manage')
  .input(ZDeleteInput)
  .output(ZDeletedOutput)
  .mutation(({ ctx, input }) => deleteSodRule(ctx.db, ctx.actor, input.id));
