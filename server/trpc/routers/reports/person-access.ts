import { getPersonAccessReport } from '@/server/modules/reports/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZPersonAccessInput, ZPersonAccessOutput } from './person-access.schema.ts';

/** What a person has (or had on a day), entitlement by entitlement, with why. */
export const personAccess = permissionProcedure('reports.read')
  .meta({
    openapi: {
      method: 'POST',
      path: '/reports/person-access',
      tags: ['Reports'],
      summary: 'A person’s access',
      description: 'What a person holds (or held on a day), entitlement by entitlement, with why.',
    },
  })
  .input(ZPersonAccessInput)
  .output(ZPersonAccessOutput)
  .query(({ ctx, input }) => getPersonAccessReport(ctx.db, input, { now: new Date() }));
