import { listDormant } from '@/server/modules/reports/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZDormantInput, ZDormantOutput } from './dormant.schema.ts';

/** Accounts unused for N days (or never used), with the entitlements held through them; or those whose use is unknown. */
export const dormant = permissionProcedure('reports.read')
  .meta({
    openapi: {
      method: 'POST',
      path: '/reports/dormant',
      tags: ['Reports'],
      summary: 'Dormant accounts',
      description: 'Accounts unused for a number of days, with what they hold.',
    },
  })
  .input(ZDormantInput)
  .output(ZDormantOutput)
  .query(async ({ ctx, input }) => {
    const page = await listDormant(ctx.db, input, { now: new Date() });
    return { rows: page.rows, nextCursor: page.next };
  });
