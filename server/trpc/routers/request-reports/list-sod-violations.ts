import { listSodViolationsReport } from '@/server/modules/reports/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZListSodViolationsInput, ZListSodViolationsOutput } from './list-sod-violations.schema.ts';

export const listSodViolations = permissionProcedure('reports.read')
  .input(ZListSodViolationsInput)
  .output(ZListSodViolationsOutput)
  .query(({ ctx, input }) => listSodViolationsReport(ctx.db, input));
