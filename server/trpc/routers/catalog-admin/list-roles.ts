import { z } from 'zod';
import { listRoles as listRolesUseCase } from '@/server/modules/catalog/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZAdminRole } from './catalog-admin.schema.ts';

export const listRoles = permissionProcedure('provisioning.read')
  .output(z.array(ZAdminRole))
  .query(({ ctx }) => listRolesUseCase(ctx.db));
