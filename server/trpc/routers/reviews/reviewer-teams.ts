import { listReviewerTeams } from '@/server/modules/reviews/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZReviewerTeamsOutput } from './reviewer-teams.schema.ts';

/** The teams the campaign form offers for a team stage. */
export const reviewerTeams = permissionProcedure('reviews.manage')
  .output(ZReviewerTeamsOutput)
  .query(({ ctx }) => listReviewerTeams(ctx.db));
