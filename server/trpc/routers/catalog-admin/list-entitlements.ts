import { z } from 'zod';
import { listApplicationEntitlements } from '@/server/modules/catalog/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZId } from '../shared.schema.ts';
import { ZAdminEntitlement, ZEntitlementListFilter } from './catalog-admin.schema.ts';

export const listEntitlements = permissionProcedure('provisioning.read')
  .input(z.object({ applicationId: ZId, show: ZEntitlementListFilter.default('all') }))
  .output(z.array(ZAdminEntitlement))
  .query(({ ctx, input }) => listApplicationEntitlements(ctx.db, input.applicationId, input.show));
