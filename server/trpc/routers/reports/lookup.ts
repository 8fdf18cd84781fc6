import { lookupSubjects } from '@/server/modules/reports/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZLookupInput, ZLookupOutput } from './lookup.schema.ts';

/**
 * The reports' pickers: every entitlement, role, application, person (leavers too) and department.
 * The catalog (requestable items only) and the staff directory (no leavers) leave out what an audit asks about.
 */
export const lookup = permissionProcedure('reports.read')
  .input(ZLookupInput)
  .output(ZLookupOutput)
  .query(({ ctx, input }) => lookupSubjects(ctx.db, input));
