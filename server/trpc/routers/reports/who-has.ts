import { getWhoHasReport } from '@/server/modules/reports/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZWhoHasInput, ZWhoHasOutput } from './who-has.schema.ts';

/** Who has access to an entitlement, a role's contents or an application (or everything), now or as of a day, with why. */
export const whoHas = permissionProcedure('reports.read')
  .meta({
    openapi: {
      method: 'POST',
      path: '/reports/who-has',
      tags: ['Reports'],
      summary: 'Who has access',
      description:
        'Who holds an entitlement, a role’s contents or an application’s access, now or on a day, with why.',
    },
  })
  .input(ZWhoHasInput)
  .output(ZWhoHasOutput)
  .query(({ ctx, input }) => getWhoHasReport(ctx.db, input, { now: new Date() }));
