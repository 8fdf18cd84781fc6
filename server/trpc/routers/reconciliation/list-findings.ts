import { listFindings as listFindingsUseCase } from '@/server/modules/reconciliation/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZListFindingsInput, ZListFindingsOutput } from './list-findings.schema.ts';

/** The review queue: findings in the caller's scope (identity team and auditors: all; owners: theirs), with context. */
export const listFindings = permissionProcedure('reconciliation.review')
  .input(ZListFindingsInput)
  .output(ZListFindingsOutput)
  .query(async ({ ctx, input }) => {
    const page = await listFindingsUseCase(ctx.db, ctx.actor, input, { now: new Date() });
    return { rows: page.rows, nextCursor: page.next };
  });
