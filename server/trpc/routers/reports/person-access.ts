import { getPersonAccessReport } from '@/server/modules/reports/who-has.ts';
import { permissionProcedure } from '../../init.ts';
import { ZPersonAccessInput, ZPersonAccessOutput } from './person-access.schema.ts';

/** What a person has (or had on a day), entitlement by entitlement, with why. */
export const personAccess = permissionProcedure('reports.read')
  .input(ZPersonAccessInput)
  .output(ZPersonAccessOutput)
  .query(({ ctx, input }) => getPersonAccessReport(ctx.db, input, { now: new Date() }));
