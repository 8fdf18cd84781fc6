import { chartOpenSodViolations as chartOpenSodViolationsUseCase } from '@/server/modules/reports/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZChartPeriodRangeInput, ZOpenSodViolationsOutput } from './charts.schema.ts';

export const chartOpenSodViolations = permissionProcedure('reports.read')
  .input(ZChartPeriodRangeInput)
  .output(ZOpenSodViolationsOutput)
  .query(({ ctx, input }) => chartOpenSodViolationsUseCase(ctx.db, input));
