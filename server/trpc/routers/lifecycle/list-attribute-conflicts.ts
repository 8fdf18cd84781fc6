import { listAttributeConflicts as listAttributeConflictsUseCase } from '@/server/modules/lifecycle/index.ts';
import { permissionProcedure } from '../../init.ts';
import {
  ZListAttributeConflictsInput,
  ZListAttributeConflictsOutput,
} from './list-attribute-conflicts.schema.ts';

export const listAttributeConflicts = permissionProcedure('admin.sources.manage')
  .input(ZListAttributeConflictsInput)
  .output(ZListAttributeConflictsOutput)
  .query(({ ctx, input }) => listAttributeConflictsUseCase(ctx.db, input));
