import type { TUserActor } from '@/server/auth/actor.ts';
import { inTransaction, REPEATABLE, type Prisma, type TDb } from '@/server/db/client.ts';
import { isUniqueViolation } from '@/server/db/errors.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import { conflictsWithinRole } from '@/server/modules/sod/index.ts';
import { followApproverChanges, redrawPendingChains } from '@/server/modules/approvals/index.ts';
import {
  requireMassChangeConfirmation,
  type TMassChangeConfirmation,
} from '@/server/modules/mass-change/index.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { previewRoleChange } from './preview-role-change.ts';
import type { RiskLevel } from '@/prisma/generated/enums.ts';
import { effectiveRoleRisk, RISK_ORDER } from '@/server/shared/risk-level.ts';

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
  /** A change that removes access from more than the guard's share of people applies only with this. */
  confirmMassChange?: TMassChangeConfirmation;
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
 * they are re-planned (through the one engine), in the background. Before that, with the role row
 * locked, the change is assessed as the editor's preview was (docs/decisions/065): one that would put
 * a holder in a segregation-of-duties conflict is refused, naming the people and the rules (fix the
 * role or the rule), and one that would remove access from more than the guard's share of people
 * applies only when confirmed with a reason, which the audit trail keeps. A role, new or edited, whose
 * contents are both sides of a blocking rule is refused whoever holds it: every request for it would be
 * refused (a mitigatable rule's is saved; each request for the role then needs a control). When the
 * role's effective risk rises, a request still pending for it gains the approval stages it now needs
 * (redrawPendingChains).
 */
export async function saveRole(
  db: TDb,
  actor: TUserActor,
  input: TSaveRole,
  deps: { queue: TJobQueue; now?: Date },
) {
  const entitlementIds = [...new Set(input.entitlementIds)];
  if ((await db.entitlement.count({ where: { id: { in: entitlementIds } } })) !== entitlementIds.length) {
    throw new AppError('INVALID_INPUT', 'Some entitlements do not exist', { field: 'entitlementIds' });
  }
  try {
    return await inTransaction(
      db,
      async (tx) => {
        const before = input.id
          ? await tx.role.findUnique({ where: { id: input.id }, include: { entitlements: true } })
          : null;
        if (input.id && !before) throw new AppError('NOT_FOUND', 'No such role');
        if (before) await tx.$queryRaw`SELECT id FROM "Role" WHERE id = ${before.id}::uuid FOR UPDATE`;
        await refuseBlockingContents(tx, before?.id ?? null, entitlementIds);
        const confirmedReason = before
          ? await assessEdit(tx, before.id, entitlementIds, input.confirmMassChange, deps.now ?? new Date())
          : null;
        const data = {
          key: input.key,
          name: input.name,
          description: input.description,
          ownerId: input.ownerId,
          risk: input.risk,
          requestable: input.requestable,
          maxDurationDays: input.maxDurationDays,
        };
        const saved = before
          ? await tx.role.update({ where: { id: before.id }, data, select: { id: true } })
          : await tx.role.create({ data, select: { id: true } });
        const previous = new Set(before?.entitlements.map((e) => e.entitlementId) ?? []);
        const changed =
          entitlementIds.length !== previous.size || entitlementIds.some((id) => !previous.has(id));
        if (changed) {
          // Only what left or joined: an entitlement that stays keeps its period in the role's history.
          const wanted = new Set(entitlementIds);
          await tx.roleEntitlement.deleteMany({
            where: { roleId: saved.id, entitlementId: { in: [...previous].filter((id) => !wanted.has(id)) } },
          });
          await tx.roleEntitlement.createMany({
            data: entitlementIds
              .filter((id) => !previous.has(id))
              .map((entitlementId) => ({ roleId: saved.id, entitlementId })),
          });
        }
        await recordAuditEvent(tx, {
          actor,
          action: before ? 'role.updated' : 'role.created',
          entityType: 'Role',
          entityId: saved.id,
          before: before ? auditView(before, [...previous]) : undefined,
          after: auditView(data, entitlementIds),
        });
        if (confirmedReason) {
          await recordAuditEvent(tx, {
            actor,
            action: 'role.mass_change_confirmed',
            entityType: 'Role',
            entityId: saved.id,
            after: { name: data.name, ...confirmedReason },
          });
        }
        // A request already pending for a role whose effective risk rose is approved as the role now is:
        // its chain gains the stages it lacks. One whose risk fell keeps its chain (docs/decisions/112).
        if (
          before &&
          (changed || before.risk !== data.risk) &&
          (await riskRose(tx, before, data.risk, entitlementIds))
        )
          await redrawPendingChains(tx, actor, [{ kind: 'ROLE', id: saved.id }], {
            queue: deps.queue,
            now: deps.now ?? new Date(),
          });
        // A new owner (or, with new contents, new application owners) takes over the pending owner
        // steps of its requests (docs/decisions/112).
        if (before && (before.ownerId !== data.ownerId || changed))
          await followApproverChanges(
            tx,
            actor,
            { items: [{ kind: 'ROLE', id: saved.id }] },
            { queue: deps.queue, now: deps.now ?? new Date(), cause: 'OWNER' },
          );
        if (before && changed) {
          const holders = await tx.grant.findMany({
            where: { roleId: saved.id, status: 'ACTIVE' },
            select: { identityId: true },
            distinct: ['identityId'],
          });
          if (holders.length) {
            await deps.queue.enqueue(tx, 'access.replan', [
              {
                payload: {
                  identityIds: holders.map((h) => h.identityId),
                  reason: 'ROLE_CHANGED',
                  actorId: actor.identityId,
                },
              },
            ]);
          }
        }
        return saved;
      },
      REPEATABLE,
    );
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError('CONFLICT', `A role with the key “${input.key}” already exists`, { field: 'key' });
    throw error;
  }
}

/** Whether the role's effective risk is higher with its new level and contents than it was. */
async function riskRose(
  tx: Prisma.TransactionClient,
  before: { risk: RiskLevel; entitlements: Array<{ entitlementId: string }> },
  risk: RiskLevel,
  entitlementIds: string[],
): Promise<boolean> {
  const previous = before.entitlements.map((e) => e.entitlementId);
  const levels = new Map(
    (
      await tx.entitlement.findMany({
        where: { id: { in: [...previous, ...entitlementIds] } },
        select: { id: true, risk: true },
      })
    ).map((e) => [e.id, e.risk]),
  );
  const of = (ids: string[]) => ids.flatMap((id) => levels.get(id) ?? []);
  return (
    RISK_ORDER[effectiveRoleRisk(risk, of(entitlementIds))] >
    RISK_ORDER[effectiveRoleRisk(before.risk, of(previous))]
  );
}

/** Refuses contents that are both sides of a blocking rule by themselves, naming each rule and its sides. */
async function refuseBlockingContents(
  tx: Prisma.TransactionClient,
  roleId: string | null,
  entitlementIds: string[],
) {
  const blocking = (await conflictsWithinRole(tx, { roleId, entitlementIds })).filter(
    (c) => c.severity === 'BLOCK',
  );
  if (blocking.length === 0) return;
  const rules = blocking
    .map((c) => `“${c.ruleName}” (${c.sideA.join(', ')} against ${c.sideB.join(', ')})`)
    .join('; ');
  throw new AppError(
    'SOD_CONFLICT',
    `This role would bundle both sides of the blocking segregation-of-duties ${blocking.length > 1 ? 'rules' : 'rule'} ${rules}: nobody could be given it. Remove one side from the role, or change the rule; nothing was saved.`,
    {
      rules: blocking.map((c) => ({
        ruleId: c.ruleId,
        ruleName: c.ruleName,
        sideA: c.sideA,
        sideB: c.sideB,
      })),
    },
  );
}

/** The server's own what-if, on the locked role: refuses SoD conflicts, holds an unconfirmed mass change. */
async function assessEdit(
  tx: Prisma.TransactionClient,
  roleId: string,
  entitlementIds: string[],
  confirmation: TMassChangeConfirmation,
  now: Date,
) {
  const preview = await previewRoleChange(tx, { roleId, entitlementIds }, { now });
  if (preview.conflicts.length) {
    const who = preview.conflicts
      .map((c) => `${namesOf(c.people)} under the rule “${c.ruleName}”`)
      .join('; ');
    throw new AppError(
      'SOD_CONFLICT',
      `This change would give people both sides of a segregation-of-duties rule: ${who}. Change the role or the rule; nothing was saved.`,
      {
        conflicts: preview.conflicts.map((c) => ({
          ruleId: c.ruleId,
          ruleName: c.ruleName,
          people: c.people.slice(0, 20).map((p) => p.displayName),
        })),
      },
    );
  }
  const reason = requireMassChangeConfirmation(preview.massChange, confirmation);
  return reason
    ? {
        affected: preview.massChange.affected,
        population: preview.massChange.population,
        percent: preview.massChange.percent,
        reason,
      }
    : null;
}

const namesOf = (people: Array<{ displayName: string }>) =>
  people.length > 5
    ? `${people
        .slice(0, 5)
        .map((p) => p.displayName)
        .join(', ')} and ${people.length - 5} more`
    : people.map((p) => p.displayName).join(', ');
