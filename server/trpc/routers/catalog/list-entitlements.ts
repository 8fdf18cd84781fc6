import { listCatalog } from '@/server/modules/catalog/list-catalog.ts';
import { permissionProcedure } from '../../init.ts';
import { ZListEntitlementsInput, ZListEntitlementsOutput } from './list-entitlements.schema.ts';

export const listEntitlements = permissionProcedure('catalog.read')
  .input(ZListEntitlementsInput)
  .output(ZListEntitlementsOutput)
  .query(({ ctx, input }) => listCatalog(ctx.db, ctx.actor, input));
