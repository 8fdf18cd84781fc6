import type { TUserActor } from '@/server/auth/actor.ts';
import { inTransaction, REPEATABLE, type TDb } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import type { PortalRole } from '@/prisma/generated/enums.ts';
import { PORTAL_ROLES } from '@/server/auth/portal-role-groups.ts';
import { assertMayChangeRoles } from './portal-role-locks.ts';

/**
 * The identity team grants and takes away portal roles. Roles the IdP's groups decide
 * (OIDC_ROLE_GROUPS) are not changed here: the next sign-in would undo it. Nobody gives themselves a
 * role or takes away their own identity-admin role (portal-role-locks.ts), and leavers hold none.
 * Every path that changes a role by hand comes here (tRPC's directory.setPortalRoles, over REST too);
 * the IdP's group mapping (syncPortalRoles) is the organisation deciding, not the person, so it is not
 * a self-decision even when the person signing in is an identity admin.
 */
export async function setPortalRoles(
  db: TDb,
  actor: TUserActor,
  input: { identityId: string; roles: PortalRole[] },
  deps: { managedByIdp: readonly PortalRole[] },
): Promise<{ roles: PortalRole[] }> {
  const wanted = [...new Set(input.roles)].sort();
  return inTransaction(
    db,
    async (tx) => {
      const person = await tx.identity.findUnique({
        where: { id: input.identityId },
        select: { id: true, status: true, portalRoles: { select: { role: true } } },
      });
      if (!person) throw new AppError('NOT_FOUND', 'No such person');
      const before = person.portalRoles.map((r) => r.role).sort();
      const changed = PORTAL_ROLES.filter((r) => before.includes(r) !== wanted.includes(r));
      if (changed.length === 0) return { roles: before };
      if (person.status === 'TERMINATED' && wanted.length > 0)
        throw new AppError('INVALID_INPUT', 'A leaver holds no portal roles', { field: 'roles' });
      assertMayChangeRoles(actor.identityId, { id: person.id, roles: before }, changed, deps.managedByIdp);
      await tx.identityPortalRole.deleteMany({ where: { identityId: person.id, role: { notIn: wanted } } });
      await tx.identityPortalRole.createMany({
        data: wanted.map((role) => ({ identityId: person.id, role })),
        skipDuplicates: true,
      });
      await recordAuditEvent(tx, {
        actor,
        action: 'identity.portal_roles_changed',
        entityType: 'Identity',
        entityId: person.id,
        subjectId: person.id,
        before: { roles: before },
        after: { roles: wanted },
      });
      return { roles: wanted };
    },
    REPEATABLE,
  );
}
