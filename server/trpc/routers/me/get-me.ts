import { permissionsOf } from '@/server/auth/permissions.ts';
import { getFulfilmentSummary } from '@/server/modules/fulfilment/index.ts';
import { listMyReports } from '@/server/modules/identities/index.ts';
import { getMySummary } from '@/server/modules/approvals/index.ts';
import { countFindings } from '@/server/modules/reconciliation/index.ts';
import { countMyReviewItems } from '@/server/modules/reviews/index.ts';
import { protectedProcedure } from '../../init.ts';
import { ZGetMeOutput } from './get-me.schema.ts';

export const getMe = protectedProcedure.output(ZGetMeOutput).query(async ({ ctx }) => {
  const [summary, reports, fulfilment, findings, reviews] = await Promise.all([
    getMySummary(ctx.db, ctx.actor),
    listMyReports(ctx.db, ctx.actor),
    getFulfilmentSummary(ctx.db, ctx.actor),
    countFindings(ctx.db, ctx.actor),
    countMyReviewItems(ctx.db, ctx.actor),
  ]);
  return {
    ...summary,
    roles: [...ctx.actor.roles],
    permissions: permissionsOf(ctx.actor),
    reports,
    fulfilment,
    reconciliation: { mayReview: findings.mayReview, openFindings: findings.total },
    reviews,
  };
});
