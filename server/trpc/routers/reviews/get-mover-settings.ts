import { getMoverReviewSettings } from '@/server/modules/reviews/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZGetMoverSettingsInput, ZMoverSettingsOutput } from './mover-settings.schema.ts';

/** What happens to access a person keeps after a move: off, a review by the new manager, or revoke unless kept. */
export const getMoverSettings = permissionProcedure('reviews.manage')
  .input(ZGetMoverSettingsInput)
  .output(ZMoverSettingsOutput)
  .query(({ ctx }) => getMoverReviewSettings(ctx.db));
