import { personViewer, portalRoleLocks } from '@/server/modules/identities/index.ts';
import { getIdentityDetail } from '@/server/modules/lifecycle/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZGetIdentityInput, ZGetIdentityOutput } from './get-identity.schema.ts';

export const getIdentity = permissionProcedure('identity.readAll')
  .input(ZGetIdentityInput)
  .output(ZGetIdentityOutput)
  .query(async ({ ctx, input }) => {
    const person = await getIdentityDetail(ctx.db, input);
    const roles = { id: person.id, roles: person.portalRoles };
    return {
      ...person,
      lockedRoles: portalRoleLocks(ctx.actor.identityId, roles, ctx.idpManagedRoles?.() ?? []),
      viewer: personViewer(ctx.actor, person),
    };
  });
