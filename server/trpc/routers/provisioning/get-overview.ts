import { getProvisioningOverview } from '@/server/modules/provisioning/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZOverview } from './provisioning.schema.ts';

export const getOverview = permissionProcedure('provisioning.read')
  .output(ZOverview)
  .query(({ ctx }) => getProvisioningOverview(ctx.db, ctx.queueAdmin));
