import { z } from 'zod';
import { saveApplicationAndFollowOwner } from '@/server/modules/catalog/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZSaveApplicationInput } from './applications.schema.ts';

// Catalog's use case, not applications' own: a new owner's pending approval steps follow in the
// same transaction (docs/decisions/112, stop 38).
export const saveApplication = permissionProcedure('admin.applications.manage')
  .input(ZSaveApplicationInput)
  .output(z.object({ id: z.string(), replanning: z.boolean() }))
  .mutation(({ ctx, input }) =>
    saveApplicationAndFollowOwner(ctx.db, ctx.actor, input, { queue: ctx.queue, secretKey: ctx.secretKey() }),
  );
