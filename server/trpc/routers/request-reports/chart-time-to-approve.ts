import { chartTimeToApprove as chartTimeToApproveUseCase } from '@/server/modules/reports/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZChartRangeInput, ZTimeToApproveOutput } from './charts.schema.ts';

export const chartTimeToApprove = permissionProcedure('reports.read')
  .input(ZChartRangeInput)
  .output(ZTimeToApproveOutput)
  .query(({ ctx, input }) => chartTimeToApproveUseCase(ctx.db, input));
