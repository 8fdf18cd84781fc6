import { saveMoverReviewSettings } from '@/server/modules/reviews/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZMoverSettings, ZMoverSettingsOutput } from './mover-settings.schema.ts';

export const saveMoverSettings = permissionProcedure('reviews.manage')
  .input(ZMoverSettings)
  .output(ZMoverSettingsOutput)
  .mutation(({ ctx, input }) => saveMoverReviewSettings(ctx.db, ctx.actor, input));
