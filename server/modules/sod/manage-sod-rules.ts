import type { TUserActor } from '@/server/auth/actor.ts';
import { inTransaction, REPEATABLE, type Prisma, type TDb } from '@/server/db/client.ts';
import { runAll } from '@/server/db/run-all.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { lockRequestItemsForChange } from '@/server/lib/request-item-lock.ts';
import { ROLE_RISK_SELECT, roleRisk } from '@/server/lib/role-risk-query.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { ZSodRuleInput, type TSodRuleInput } from './sod-rule-schema.ts';

const ITEM_SELECT = {
  id: true,
  side: true,
  entitlement: { select: { id: true, name: true, application: { select: { name: true } } } },
  role: { select: { id: true, name: true } },
} as const;

/** Every rule in use (retired ones are the report's) with its two sides by name, and how many people violate it now. */
export async function listSodRules(db: TDb) {
  const [rules, open] = await Promise.all([
    db.sodRule.findMany({
      where: { retiredAt: null },
      orderBy: { name: 'asc' },
      select: {
        id: true,
        name: true,
        description: true,
        severity: true,
        enabled: true,
        updatedAt: true,
        items: { select: ITEM_SELECT },
      },
    }),
    db.sodViolation.groupBy({ by: ['ruleId'], where: { resolvedAt: null }, _count: { _all: true } }),
  ]);
  const counts = new Map(open.map((o) => [o.ruleId, o._count._all]));
  return rules.map(({ items, ...r }) => ({
    ...r,
    sideA: items.filter((i) => i.side === 'A').map(itemView),
    sideB: items.filter((i) => i.side === 'B').map(itemView),
    openViolations: counts.get(r.id) ?? 0,
  }));
}

function itemView(i: {
  entitlement: { id: string; name: string; application: { name: string } } | null;
  role: { id: string; name: string } | null;
}) {
  return i.entitlement
    ? {
        kind: 'ENTITLEMENT' as const,
        id: i.entitlement.id,
        name: i.entitlement.name,
        application: i.entitlement.application.name,
      }
    : { kind: 'ROLE' as const, id: i.role!.id, name: i.role!.name, application: null };
}

/** The rule as the audit trail compares it: the same shape before and after, its sides as items. */
const auditView = (r: Omit<TSodRuleInput, 'description'> & { description: string }) => ({
  name: r.name,
  description: r.description,
  severity: r.severity,
  enabled: r.enabled,
  sideA: r.sideA.map(({ kind, id }) => ({ kind, id })),
  sideB: r.sideB.map(({ kind, id }) => ({ kind, id })),
});

/**
 * Creates or replaces a rule (its items are rewritten). Its violations are counted at once, not at the
 * nightly scan: the scan is enqueued in the same transaction (`stately`, so a burst of edits queues one),
 * and people who already hold both sides show in the violations report within a minute of the save.
 * Before it writes, it takes the request-item locks of everything the rule names, before and after,
 * exclusively: a submission asking for one of them and holding it commits first (its request is then
 * one the rule finds like any other), and one that planned before the save and holds after it reads
 * the rule again and plans again (holdPlannedItems, docs/decisions/115). A new rule has a side made
 * only of requested holdings, so it names something asked for; a rule no longer naming something
 * asked for only loosens, but its old items are locked too, for the severity or enabling it changed.
 */
export async function saveSodRule(
  db: TDb,
  actor: TUserActor,
  input: TSodRuleInput & { id?: string },
  deps: { queue: TJobQueue },
) {
  const rule = ZSodRuleInput.parse(input);
  await assertItemsExist(db, [...rule.sideA, ...rule.sideB]);
  return inTransaction(
    db,
    async (tx) => {
      const data = {
        name: rule.name,
        description: rule.description,
        severity: rule.severity,
        enabled: rule.enabled,
      };
      let id = input.id;
      let before: unknown = null;
      if (id) {
        // The rule's row first, FOR NO KEY UPDATE (the lock its update takes anyway: it conflicts with
        // another edit's and a retirement's, not with the scan's violations, whose foreign keys take
        // KEY SHARE), then what it is read as: a concurrent edit of it commits
        // before this one reads, so the audit's `before` is that edit's `after`, and the old items
        // locked below are the ones it left. Before the request-item locks, which depend on the read:
        // no deadlock with a submission, whose hold takes those locks shared and reads the rules without
        // locking a rule's row (sodRulesReadNow), so it never waits for this row; two edits of one rule
        // meet at this row before either takes an item's lock, and edits of two rules take their items'
        // locks in key order in one statement. A rule retired meanwhile is not found.
        await tx.$queryRaw`SELECT id FROM "SodRule" WHERE id = ${id}::uuid AND "retiredAt" IS NULL FOR NO KEY UPDATE`;
        const existing = await tx.sodRule.findUnique({
          where: { id, retiredAt: null },
          select: {
            name: true,
            description: true,
            severity: true,
            enabled: true,
            items: { select: { side: true, entitlementId: true, roleId: true } },
          },
        });
        if (!existing) throw new AppError('NOT_FOUND', 'No such rule');
        const side = (s: 'A' | 'B') =>
          existing.items
            .filter((i) => i.side === s)
            .map((i) =>
              i.entitlementId
                ? { kind: 'ENTITLEMENT' as const, id: i.entitlementId }
                : { kind: 'ROLE' as const, id: i.roleId! },
            );
        before = auditView({ ...existing, sideA: side('A'), sideB: side('B') });
        await lockRequestItemsForChange(tx, [
          ...named(rule),
          ...existing.items.map((i) => (i.entitlementId ?? i.roleId)!),
        ]);
        await tx.sodRule.update({ where: { id }, data });
        await tx.sodRuleItem.deleteMany({ where: { ruleId: id } });
      } else {
        await lockRequestItemsForChange(tx, named(rule));
        id = (await tx.sodRule.create({ data, select: { id: true } })).id;
      }
      await tx.sodRuleItem.createMany({ data: ruleItems(id, rule) });
      await recordAuditEvent(tx, {
        actor,
        action: input.id ? 'sod.rule_updated' : 'sod.rule_created',
        entityType: 'SodRule',
        entityId: id,
        before,
        after: auditView(rule),
      });
      await deps.queue.enqueue(tx, 'sod.scan', [{ payload: {} }]);
      return { id };
    },
    REPEATABLE,
  );
}

/**
 * Takes a rule away. A rule nobody ever violated or was given a control for is deleted; one with
 * history is retired instead (off for good, out of the rules list): its open violations are resolved
 * and its controls in force end, now, and every violation and control stays in the auditors' SoD
 * report, which promises "now and in the past" (the database refuses deleting a rule that has them).
 */
export async function retireSodRule(db: TDb, actor: TUserActor, id: string, now = new Date()) {
  return inTransaction(
    db,
    async (tx) => {
      const [existing] = await tx.$queryRaw<Array<{ name: string }>>`
      SELECT name FROM "SodRule" WHERE id = ${id}::uuid AND "retiredAt" IS NULL FOR UPDATE`;
      if (!existing) throw new AppError('NOT_FOUND', 'No such rule');
      const [violations, controls] = await Promise.all([
        tx.sodViolation.count({ where: { ruleId: id } }),
        tx.sodMitigation.count({ where: { ruleId: id } }),
      ]);
      if (violations + controls === 0) {
        await tx.sodRule.delete({ where: { id } });
        await recordAuditEvent(tx, {
          actor,
          action: 'sod.rule_deleted',
          entityType: 'SodRule',
          entityId: id,
          before: existing,
        });
        return { outcome: 'deleted' as const, resolved: 0 };
      }
      await tx.sodRule.update({ where: { id }, data: { enabled: false, retiredAt: now } });
      const { count: resolved } = await tx.sodViolation.updateMany({
        where: { ruleId: id, resolvedAt: null },
        data: { resolvedAt: now },
      });
      const { count: controlsEnded } = await tx.sodMitigation.updateMany({
        where: { ruleId: id, revokedAt: null, expiresAt: { gt: now } },
        data: { revokedAt: now },
      });
      await recordAuditEvent(tx, {
        actor,
        action: 'sod.rule_retired',
        entityType: 'SodRule',
        entityId: id,
        before: existing,
        after: { name: existing.name, resolved, controlsEnded },
      });
      return { outcome: 'retired' as const, resolved };
    },
    REPEATABLE,
  );
}

/** What a rule names, entitlements and roles alike (their ids are the request-item locks' keys). */
const named = (rule: TSodRuleInput) => [...rule.sideA, ...rule.sideB].map((r) => r.id);

function ruleItems(ruleId: string, rule: TSodRuleInput): Prisma.SodRuleItemCreateManyInput[] {
  return (['A', 'B'] as const).flatMap((side) =>
    (side === 'A' ? rule.sideA : rule.sideB).map((r) => ({
      ruleId,
      side,
      entitlementId: r.kind === 'ENTITLEMENT' ? r.id : null,
      roleId: r.kind === 'ROLE' ? r.id : null,
    })),
  );
}

async function assertItemsExist(db: TDb, refs: TSodRuleInput['sideA']) {
  const ents = refs.filter((r) => r.kind === 'ENTITLEMENT').map((r) => r.id);
  const roles = refs.filter((r) => r.kind === 'ROLE').map((r) => r.id);
  const [e, r] = await Promise.all([
    db.entitlement.count({ where: { id: { in: ents } } }),
    db.role.count({ where: { id: { in: roles } } }),
  ]);
  if (e !== new Set(ents).size || r !== new Set(roles).size)
    throw new AppError('INVALID_INPUT', 'A rule names an entitlement or role that does not exist', {
      field: 'sideA',
    });
}

/** Everything a rule can name: every entitlement (by application) and every role. */
export async function listSodItems(db: TDb) {
  const [entitlements, roles] = await runAll(db, [
    () =>
      db.entitlement.findMany({
        orderBy: [{ application: { name: 'asc' } }, { name: 'asc' }],
        select: { id: true, name: true, risk: true, application: { select: { name: true } } },
      }),
    () =>
      db.role.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true, ...ROLE_RISK_SELECT } }),
  ] as const);
  return [
    ...entitlements.map((e) => ({
      kind: 'ENTITLEMENT' as const,
      id: e.id,
      name: e.name,
      risk: e.risk,
      application: e.application.name,
    })),
    // A role at the risk it is approved at: its own level or its riskiest entitlement's.
    ...roles.map((r) => ({
      kind: 'ROLE' as const,
      id: r.id,
      name: r.name,
      risk: roleRisk(r),
      application: null,
    })),
  ];
}
