import { listHeldDeactivations as listHeldDeactivationsUseCase } from '@/server/modules/scim-server/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZListHeldDeactivationsOutput } from './list-held-deactivations.schema.ts';

/** SCIM deactivations the burst hold keeps back, by source (docs/decisions/065). */
export const listHeldDeactivations = permissionProcedure('admin.massChange.manage')
  .output(ZListHeldDeactivationsOutput)
  .query(({ ctx }) => listHeldDeactivationsUseCase(ctx.db, ctx.actor));
