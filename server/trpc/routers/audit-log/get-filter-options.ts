import { getAuditFilterOptions } from '@/server/modules/audit/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZGetFilterOptionsInput, ZGetFilterOptionsOutput } from './get-filter-options.schema.ts';

/** The audit log's filter choices, and the names behind the ids a URL filters by. */
export const getFilterOptions = permissionProcedure('audit.read')
  .input(ZGetFilterOptionsInput)
  .output(ZGetFilterOptionsOutput)
  .query(({ ctx, input }) => getAuditFilterOptions(ctx.db, input));
