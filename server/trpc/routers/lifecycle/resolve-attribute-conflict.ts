import { resolveAttributeConflict as resolveAttributeConflictUseCase } from '@/server/modules/lifecycle/index.ts';
import { permissionProcedure } from '../../init.ts';
import {
  ZResolveAttributeConflictInput,
  ZResolveAttributeConflictOutput,
} from './resolve-attribute-conflict.schema.ts';

export const resolveAttributeConflict = permissionProcedure('admin.sources.manage')
  .input(ZResolveAttributeConflictInput)
  .output(ZResolveAttributeConflictOutput)
  .mutation(({ ctx, input }) =>
    resolveAttributeConflictUseCase(ctx.db, ctx.actor, input, { queue: ctx.queue }),
  );
