import { chartAccessGrowth as chartAccessGrowthUseCase } from '@/server/modules/reports/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZAccessGrowthOutput, ZChartPeriodRangeInput } from './charts.schema.ts';

export const chartAccessGrowth = permissionProcedure('reports.read')
  .input(ZChartPeriodRangeInput)
  .output(ZAccessGrowthOutput)
  .query(({ ctx, input }) => chartAccessGrowthUseCase(ctx.db, input));
