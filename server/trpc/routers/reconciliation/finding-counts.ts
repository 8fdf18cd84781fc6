import { countFindings } from '@/server/modules/reconciliation/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZFindingCountsOutput } from './finding-counts.schema.ts';

/** Findings still waiting in the caller's scope, by application and kind (badges, navigation). */
export const findingCounts = permissionProcedure('reconciliation.review')
  .output(ZFindingCountsOutput)
  .query(({ ctx }) => countFindings(ctx.db, ctx.actor));
