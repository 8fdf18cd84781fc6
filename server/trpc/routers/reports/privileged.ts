import { getWhoHasReport } from '@/server/modules/reports/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZWhoHasInput, ZWhoHasOutput } from './who-has.schema.ts';

/** Privileged access: who holds high-risk entitlements, with why (the who-has report at HIGH risk). */
export const privileged = permissionProcedure('reports.read')
  .meta({
    openapi: {
      method: 'POST',
      path: '/reports/privileged',
      tags: ['Reports'],
      summary: 'Privileged access',
      description: 'Who holds high-risk entitlements, with why.',
    },
  })
  .input(ZWhoHasInput)
  .output(ZWhoHasOutput)
  .query(({ ctx, input }) => getWhoHasReport(ctx.db, { ...input, risk: 'HIGH' }, { now: new Date() }));
