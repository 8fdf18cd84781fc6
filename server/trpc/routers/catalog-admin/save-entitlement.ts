import { z } from 'zod';
import { saveEntitlement as saveEntitlementUseCase } from '@/server/modules/catalog/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZSaveEntitlementInput } from './catalog-admin.schema.ts';

export const saveEntitlement = permissionProcedure('admin.catalog.manage')
  .input(ZSaveEntitlementInput)
  .output(z.object({ id: z.string() }))
  .mutation(({ ctx, input }) =>
    saveEntitlementUseCase(ctx.db, ctx.actor, input, { secretKey: ctx.secretKey(), queue: ctx.queue }),
  );
