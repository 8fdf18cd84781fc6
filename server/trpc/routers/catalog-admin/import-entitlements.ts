import { z } from 'zod';
import { importEntitlements as importEntitlementsUseCase } from '@/server/modules/catalog/import-entitlements.ts';
import { permissionProcedure } from '../../init.ts';
import { ZId } from '../shared.schema.ts';

export const importEntitlements = permissionProcedure('admin.catalog.manage')
  .input(z.object({ applicationId: ZId }))
  .output(z.object({ found: z.number(), added: z.number() }))
  .mutation(({ ctx, input }) => importEntitlementsUseCase(ctx.db, ctx.actor, input.applicationId, { secretKey: ctx.secretKey() }));
