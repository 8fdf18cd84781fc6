import { listCorrelationCases as listCorrelationCasesUseCase } from '@/server/modules/lifecycle/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZListCorrelationCasesInput, ZListCorrelationCasesOutput } from './list-correlation-cases.schema.ts';

export const listCorrelationCases = permissionProcedure('admin.sources.manage')
  .input(ZListCorrelationCasesInput)
  .output(ZListCorrelationCasesOutput)
  .query(({ ctx, input }) => listCorrelationCasesUseCase(ctx.db, input));
