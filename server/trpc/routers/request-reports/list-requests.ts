import { listRequestsReport } from '@/server/modules/reports/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZListRequestsInput, ZListRequestsOutput } from './list-requests.schema.ts';

export const listRequests = permissionProcedure('reports.read')
  .input(ZListRequestsInput)
  .output(ZListRequestsOutput)
  .query(({ ctx, input }) => listRequestsReport(ctx.db, input));
