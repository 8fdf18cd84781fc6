import type { TUserActor } from '@/server/auth/actor.ts';
import type { TPrisma } from '@/server/db/client.ts';
import { isUniqueViolation } from '@/server/db/errors.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { recordAuditEvent } from '@/server/modules/audit/record-audit-event.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import type { RiskLevel } from '@/prisma/generated/enums.ts';

export type TSaveRole = {
  id?: string;
  key: string;
  name: string;
  description: string;
  ownerId: string | null;
  risk: RiskLevel;
  requestable: boolean;
  maxDurationDays: number | null;
  entitlementIds: string[];
};

/** Every attribute the form edits, the same way before and after: a change to any of them shows. */
const auditView = (r: Omit<TSaveRole, 'id' | 'entitlementIds'>, entitlementIds: string[]) => ({
  key: r.key,
  name: r.name,
  description: r.description,
  ownerId: r.ownerId,
  risk: r.risk,
  requestable: r.requestable,
  maxDurationDays: r.maxDurationDays,
  entitlementIds,
});

/**
 * Adds or edits a business role. Changing what a role bundles changes what its holders should have:
 * they are re-planned (through the one engine), in the background.
 */
export async function saveRole(db: TPrisma, actor: TUserActor, input: TSaveRole, deps: { queue: TJobQueue }) {
  const entitlementIds = [...new Set(input.entitlementIds)];
  if ((await db.entitlement.count({ where: { id: { in: entitlementIds } } })) !== entitlementIds.length) {
    throw new AppError('INVALID_INPUT', 'Some entitlements do not exist', { field: 'entitlementIds' });
  }
  try {
    return await db.$transaction(async (tx) => {
      const before = input.id ? await tx.role.findUnique({ where: { id: input.id }, include: { entitlements: true } }) : null;
      if (input.id && !before) throw new AppError('NOT_FOUND', 'No such role');
      const data = { key: input.key, name: input.name, description: input.description, ownerId: input.ownerId, risk: input.risk, requestable: input.requestable, maxDurationDays: input.maxDurationDays };
      const saved = before ? await tx.role.update({ where: { id: before.id }, data, select: { id: true } }) : await tx.role.create({ data, select: { id: true } });
      const previous = new Set(before?.entitlements.map((e) => e.entitlementId) ?? []);
      const changed = entitlementIds.length !== previous.size || entitlementIds.some((id) => !previous.has(id));
      if (changed) {
        // Only what left or joined: an entitlement that stays keeps its period in the role's history.
        const wanted = new Set(entitlementIds);
        await tx.roleEntitlement.deleteMany({ where: { roleId: saved.id, entitlementId: { in: [...previous].filter((id) => !wanted.has(id)) } } });
        await tx.roleEntitlement.createMany({ data: entitlementIds.filter((id) => !previous.has(id)).map((entitlementId) => ({ roleId: saved.id, entitlementId })) });
      }
      await recordAuditEvent(tx, {
        actor,
        action: before ? 'role.updated' : 'role.created',
        entityType: 'Role',
        entityId: saved.id,
        before: before ? auditView(before, [...previous]) : undefined,
        after: auditView(data, entitlementIds),
      });
      if (before && changed) {
        const holders = await tx.grant.findMany({ where: { roleId: saved.id, status: 'ACTIVE' }, select: { identityId: true }, distinct: ['identityId'] });
        if (holders.length) {
          await deps.queue.enqueue(tx, 'access.replan', [{ payload: { identityIds: holders.map((h) => h.identityId), reason: 'ROLE_CHANGED', actorId: actor.identityId } }]);
        }
      }
      return saved;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('CONFLICT', `A role with the key “${input.key}” already exists`, { field: 'key' });
    throw error;
  }
}
