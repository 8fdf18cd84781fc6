import { getEntitlement as getEntitlementUseCase } from '@/server/modules/catalog/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZGetEntitlementInput, ZGetEntitlementOutput } from './get-entitlement.schema.ts';

export const getEntitlement = permissionProcedure('catalog.read')
  .input(ZGetEntitlementInput)
  .output(ZGetEntitlementOutput)
  .query(({ ctx, input }) => getEntitlementUseCase(ctx.db, ctx.actor, input.id));
