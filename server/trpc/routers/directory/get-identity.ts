import { getIdentityDetail } from '@/server/modules/lifecycle/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZGetIdentityInput, ZGetIdentityOutput } from './get-identity.schema.ts';

export const getIdentity = permissionProcedure('identity.readAll')
  .input(ZGetIdentityInput)
  .output(ZGetIdentityOutput)
  .query(async ({ ctx, input }) => ({
    ...(await getIdentityDetail(ctx.db, input)),
    idpManagedRoles: ctx.idpManagedRoles?.() ?? [],
  }));
