import { decideReviewItems } from '@/server/modules/reviews/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZDecideInput, ZDecideOutput } from './decide.schema.ts';

/** A reviewer keeps, revokes or reassigns items, one or in bulk; the use case keeps them to their own items. */
export const decide = permissionProcedure('reviews.decide')
  .input(ZDecideInput)
  .output(ZDecideOutput)
  .mutation(({ ctx, input }) => decideReviewItems(ctx.db, ctx.actor, input, { queue: ctx.queue }));
