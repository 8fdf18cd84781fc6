import { listExpiring } from '@/server/modules/reports/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZExpiringInput, ZExpiringOutput } from './expiring.schema.ts';

/** Access that ends within the next N days unless extended, soonest first, with why. */
export const expiring = permissionProcedure('reports.read')
  .meta({
    openapi: {
      method: 'POST',
      path: '/reports/expiring',
      tags: ['Reports'],
      summary: 'Expiring access',
      description: 'Access that ends within the next days unless extended.',
    },
  })
  .input(ZExpiringInput)
  .output(ZExpiringOutput)
  .query(async ({ ctx, input }) => {
    const page = await listExpiring(ctx.db, input, { now: new Date() });
    return { rows: page.rows, nextCursor: page.next };
  });
