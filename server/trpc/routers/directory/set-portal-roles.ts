import { z } from 'zod';
import { setPortalRoles as setPortalRolesUseCase } from '@/server/modules/identities/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZPortalRole, ZSetPortalRolesInput } from './get-identity.schema.ts';

export const setPortalRoles = permissionProcedure('admin.portalRoles.manage')
  .input(ZSetPortalRolesInput)
  .output(z.object({ roles: z.array(ZPortalRole) }))
  .mutation(({ ctx, input }) =>
    setPortalRolesUseCase(ctx.db, ctx.actor, input, { managedByIdp: ctx.idpManagedRoles?.() ?? [] }),
  );
