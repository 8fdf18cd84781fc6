import { listLeavers } from '@/server/modules/reports/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZLeaversInput, ZLeaversOutput } from './leavers.schema.ts';

/** Leavers who still hold grants, enabled accounts or memberships. */
export const leavers = permissionProcedure('reports.read')
  .meta({
    openapi: {
      method: 'POST',
      path: '/reports/leavers',
      tags: ['Reports'],
      summary: 'Leavers with access',
      description: 'Leavers who still hold grants, enabled accounts or memberships.',
    },
  })
  .input(ZLeaversInput)
  .output(ZLeaversOutput)
  .query(async ({ ctx, input }) => {
    const page = await listLeavers(ctx.db, input, { now: new Date() });
    return { rows: page.rows, nextCursor: page.next };
  });
