import { listMyReviewItems } from '@/server/modules/reviews/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZMyQueueInput, ZMyQueueOutput } from './my-queue.schema.ts';

/** The reviewer's queue: the items they may decide (assigned to them or their team), with their context. */
export const myQueue = permissionProcedure('reviews.decide')
  .input(ZMyQueueInput)
  .output(ZMyQueueOutput)
  .query(({ ctx, input }) => listMyReviewItems(ctx.db, ctx.actor, input));
