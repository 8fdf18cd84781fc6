import type { TUserActor } from '@/server/auth/actor.ts';
import { inTransaction, REPEATABLE, type Prisma, type TDb } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import {
  requireMassChangeConfirmation,
  type TMassChangeConfirmation,
} from '@/server/modules/mass-change/index.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { itemKey, type TBirthrightDraft } from './birthright-draft.ts';
import { previewBirthrightRule } from './preview-birthright-rule.ts';

/**
 * Creates or changes a birthright rule (enabling and disabling included). The people it affects are
 * recomputed and planned in the background, batch by batch (the birthright.apply job, enqueued in
 * this transaction): a rule can reach a hundred thousand people. A change that would take access from
 * more than the mass-change guard's share of people applies only when confirmed with a reason
 * (docs/decisions/065), assessed on the locked rule with the editor's own what-if.
 */
export async function saveBirthrightRule(
  db: TDb,
  actor: TUserActor,
  input: { ruleId?: string; draft: TBirthrightDraft; confirmMassChange?: TMassChangeConfirmation },
  deps: { queue: TJobQueue },
): Promise<{ id: string }> {
  const { draft } = input;
  const entitlementIds = draft.grants.flatMap((g) => ('entitlementId' in g ? [g.entitlementId] : []));
  const roleIds = draft.grants.flatMap((g) => ('roleId' in g ? [g.roleId] : []));
  const [entitlements, roles] = await Promise.all([
    db.entitlement.count({ where: { id: { in: entitlementIds } } }),
    db.role.count({ where: { id: { in: roleIds } } }),
  ]);
  if (entitlements !== new Set(entitlementIds).size || roles !== new Set(roleIds).size) {
    throw new AppError('INVALID_INPUT', 'The rule grants something that does not exist', { field: 'grants' });
  }
  const grants = [...new Map(draft.grants.map((g) => [itemKey(g), g])).values()].map((g) =>
    'entitlementId' in g ? { entitlementId: g.entitlementId } : { roleId: g.roleId },
  );
  return inTransaction(
    db,
    async (tx) => {
      const before = input.ruleId
        ? await tx.birthrightRule.findUnique({
            where: { id: input.ruleId },
            select: {
              name: true,
              description: true,
              condition: true,
              enabled: true,
              grants: { select: { entitlementId: true, roleId: true } },
            },
          })
        : null;
      if (input.ruleId && !before) throw new AppError('NOT_FOUND', 'No such birthright rule');
      if (input.ruleId)
        await tx.$queryRaw`SELECT id FROM "BirthrightRule" WHERE id = ${input.ruleId}::uuid FOR UPDATE`;
      const { massChange } = await previewBirthrightRule(tx, { ruleId: input.ruleId, draft });
      const confirmedReason = requireMassChangeConfirmation(massChange, input.confirmMassChange);
      const data = {
        name: draft.name,
        description: draft.description,
        condition: draft.condition as Prisma.InputJsonValue,
        enabled: draft.enabled,
      };
      const saved = input.ruleId
        ? await tx.birthrightRule.update({ where: { id: input.ruleId }, data, select: { id: true } })
        : await tx.birthrightRule.create({ data, select: { id: true } });
      await tx.birthrightRuleGrant.deleteMany({ where: { ruleId: saved.id } });
      await tx.birthrightRuleGrant.createMany({ data: grants.map((g) => ({ ruleId: saved.id, ...g })) });
      await recordAuditEvent(tx, {
        actor,
        action: before ? 'birthright_rule.updated' : 'birthright_rule.created',
        entityType: 'BirthrightRule',
        entityId: saved.id,
        before: before ?? undefined,
        after: {
          name: draft.name,
          description: draft.description,
          condition: draft.condition,
          enabled: draft.enabled,
          grants,
        },
      });
      if (confirmedReason) {
        const { affected, population, percent } = massChange;
        await recordAuditEvent(tx, {
          actor,
          action: 'birthright_rule.mass_change_confirmed',
          entityType: 'BirthrightRule',
          entityId: saved.id,
          after: { name: draft.name, affected, population, percent, reason: confirmedReason },
        });
      }
      await deps.queue.enqueue(tx, 'birthright.apply', [
        { payload: { ruleId: saved.id, actorId: actor.identityId } },
      ]);
      return saved;
    },
    REPEATABLE,
  );
}
