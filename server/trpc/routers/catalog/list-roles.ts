import { z } from 'zod';
import { listRequestableRoles } from '@/server/modules/catalog/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZCatalogRole, ZListRolesInput } from './list-roles.schema.ts';

/** Business roles one can request: bundles of entitlements. */
export const listRoles = permissionProcedure('catalog.read')
  .input(ZListRolesInput)
  .output(z.array(ZCatalogRole))
  .query(({ ctx, input }) => listRequestableRoles(ctx.db, ctx.actor, input));
