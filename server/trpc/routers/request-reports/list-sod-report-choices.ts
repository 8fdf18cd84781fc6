import { listSodReportChoices as listSodReportChoicesUseCase } from '@/server/modules/reports/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZSodReportChoicesOutput } from './list-sod-violations.schema.ts';

/** The rules and departments the SoD violations report's filters offer. */
export const listSodReportChoices = permissionProcedure('reports.read')
  .output(ZSodReportChoicesOutput)
  .query(({ ctx }) => listSodReportChoicesUseCase(ctx.db));
