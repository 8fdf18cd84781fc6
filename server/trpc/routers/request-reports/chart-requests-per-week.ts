import { chartRequestsPerWeek as chartRequestsPerWeekUseCase } from '@/server/modules/reports/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZChartRangeInput, ZRequestsPerWeekOutput } from './charts.schema.ts';

export const chartRequestsPerWeek = permissionProcedure('reports.read')
  .input(ZChartRangeInput)
  .output(ZRequestsPerWeekOutput)
  .query(({ ctx, input }) => chartRequestsPerWeekUseCase(ctx.db, input));
