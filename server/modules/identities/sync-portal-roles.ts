import { systemActor } from '@/server/auth/actor.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import { inTransaction, type TDb } from '@/server/db/client.ts';
import type { PortalRole } from '@/prisma/generated/enums.ts';

/**
 * Makes a person's portal roles among `managed` exactly `granted` (the IdP's groups decide those);
 * roles the mapping does not manage are left as they are. Audited when anything changes.
 * Not a self-decision, even for an identity admin signing in: the organisation's groups decide the
 * role, not the person, so the refusal of giving oneself a role (portal-role-locks.ts) is not applied.
 */
export async function syncPortalRoles(
  db: TDb,
  identityId: string,
  roles: { managed: readonly PortalRole[]; granted: readonly PortalRole[] },
): Promise<void> {
  if (roles.managed.length === 0) return;
  await inTransaction(db, async (tx) => {
    const before = (
      await tx.identityPortalRole.findMany({ where: { identityId }, select: { role: true } })
    ).map((r) => r.role);
    const add = roles.granted.filter((r) => !before.includes(r));
    const remove = before.filter((r) => roles.managed.includes(r) && !roles.granted.includes(r));
    if (add.length === 0 && remove.length === 0) return;
    if (add.length)
      await tx.identityPortalRole.createMany({
        data: add.map((role) => ({ identityId, role })),
        skipDuplicates: true,
      });
    if (remove.length)
      await tx.identityPortalRole.deleteMany({ where: { identityId, role: { in: remove } } });
    await recordAuditEvent(tx, {
      actor: systemActor('SIGN_IN'),
      action: 'identity.portal_roles_synced',
      entityType: 'Identity',
      entityId: identityId,
      subjectId: identityId,
      before: { roles: before },
      after: { roles: [...before.filter((r) => !remove.includes(r)), ...add] },
      metadata: { added: add, removed: remove, from: 'OIDC groups' },
    });
  });
}
