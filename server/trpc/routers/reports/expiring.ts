import { listExpiring } from '@/server/modules/reports/expiring-report.ts';
import { permissionProcedure } from '../../init.ts';
import { ZExpiringInput, ZExpiringOutput } from './expiring.schema.ts';

/** Access that ends within the next N days unless extended, soonest first, with why. */
export const expiring = permissionProcedure('reports.read')
  .input(ZExpiringInput)
  .output(ZExpiringOutput)
  .query(async ({ ctx, input }) => {
    const page = await listExpiring(ctx.db, input, { now: new Date() });
    return { rows: page.rows, nextCursor: page.next };
  });
