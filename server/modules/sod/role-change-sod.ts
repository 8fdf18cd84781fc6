import type { TDb } from '@/server/db/client.ts';
import type { TPolicyCatalog } from '@/server/modules/policy/index.ts';
import { loadGrantFacts, loadItemNames, loadMitigations } from './load-sod-facts.ts';
import {
  effectiveHoldings,
  evaluateSod,
  explainConflict,
  type TSodConflict,
  type TSodRef,
  type TSodRuleFacts,
  type TSodRuleItem,
} from './sod-evaluation.ts';
import { holdersOf } from './sod-population.ts';

export type TRoleChangeConflict = {
  ruleId: string;
  ruleName: string;
  severity: 'BLOCK' | 'MITIGATABLE';
  /** What the rule names on each side, by name. */
  sideA: string[];
  sideB: string[];
  people: Array<{ id: string; displayName: string; explanation: string }>;
};

/**
 * The conflicts a change of a role's contents would create: for each holder, the same engine the
 * request path uses (effective holdings through the one desired-state engine, then evaluateSod)
 * once with the role as it is and once with the new contents. A conflict is the change's doing when
 * the rule is not violated today and would be, without a mitigating control in force, afterwards;
 * violations that exist already are the detective scan's. Only additions can create a conflict, and
 * only holders who hold (or would get through the role) the other side are evaluated one by one.
 */
export async function conflictsOfRoleChange(
  db: TDb,
  input: { roleId: string; entitlementIds: readonly string[]; holderIds: readonly string[] },
  deps: { now: Date },
): Promise<TRoleChangeConflict[]> {
  const current = await db.roleEntitlement.findMany({
    where: { roleId: input.roleId },
    select: { entitlementId: true },
  });
  const currentIds = new Set(current.map((c) => c.entitlementId));
  const added = input.entitlementIds.filter((id) => !currentIds.has(id));
  if (added.length === 0 || input.holderIds.length === 0) return [];
  const rules = await db.sodRule.findMany({
    where: { enabled: true, items: { some: { entitlementId: { in: added } } } },
    select: {
      id: true,
      name: true,
      severity: true,
      items: { select: { side: true, entitlementId: true, roleId: true } },
    },
  });
  if (rules.length === 0) return [];

  const ruleFacts: TSodRuleFacts[] = rules.map((r) => ({ id: r.id, name: r.name, severity: r.severity }));
  const items: TSodRuleItem[] = rules.flatMap((r) =>
    r.items.map((i) => ({
      ruleId: r.id,
      side: i.side as 'A' | 'B',
      entitlementId: i.entitlementId,
      roleId: i.roleId,
    })),
  );
  const holders = new Set(input.holderIds);
  const candidates = await candidatesFor(db, rules, new Set(input.entitlementIds), holders, deps.now);
  if (candidates.length === 0) return [];

  const addedFacts = await db.entitlement.findMany({
    where: { id: { in: added } },
    select: { id: true, applicationId: true, singleValued: true },
  });
  const mitigatable = rules.filter((r) => r.severity === 'MITIGATABLE').map((r) => r.id);
  const found = new Map<string, Array<{ identityId: string; conflict: TSodConflict }>>();
  for (const identityId of candidates) {
    const { grants, catalog } = await loadGrantFacts(db, identityId);
    const after: TPolicyCatalog = {
      entitlements: new Map([...catalog.entitlements, ...addedFacts.map((e) => [e.id, e] as const)]),
      roleEntitlements: new Map([...catalog.roleEntitlements, [input.roleId, [...input.entitlementIds]]]),
    };
    const mitigations = await loadMitigations(db, identityId, mitigatable, deps.now);
    const evaluate = (c: TPolicyCatalog) =>
      evaluateSod({
        holdings: effectiveHoldings(identityId, grants, c, deps.now),
        rules: ruleFacts,
        items,
        mitigations,
        now: deps.now,
      }).conflicts;
    const today = new Set(evaluate(catalog).map((c) => c.ruleId));
    for (const conflict of evaluate(after).filter((c) => c.status !== 'MITIGATED' && !today.has(c.ruleId))) {
      found.set(conflict.ruleId, [...(found.get(conflict.ruleId) ?? []), { identityId, conflict }]);
    }
  }
  if (found.size === 0) return [];
  return describe(db, rules, found);
}

/**
 * Holders who could end up with both sides: everyone, when the new contents themselves cover both
 * sides of a rule; otherwise those who already hold something on a side the added entitlements are not on.
 */
async function candidatesFor(
  db: TDb,
  rules: Array<{ items: Array<{ side: string; entitlementId: string | null; roleId: string | null }> }>,
  contents: ReadonlySet<string>,
  holders: ReadonlySet<string>,
  now: Date,
): Promise<string[]> {
  const others: TSodRef[] = [];
  for (const rule of rules) {
    const sideOf = (s: string) => rule.items.filter((i) => i.side === s);
    for (const [mine, theirs] of [
      ['A', 'B'],
      ['B', 'A'],
    ] as const) {
      if (!sideOf(mine).some((i) => i.entitlementId && contents.has(i.entitlementId))) continue;
      if (sideOf(theirs).some((i) => i.entitlementId && contents.has(i.entitlementId))) return [...holders];
      others.push(
        ...sideOf(theirs).map((i): TSodRef =>
          i.entitlementId ? { kind: 'ENTITLEMENT', id: i.entitlementId } : { kind: 'ROLE', id: i.roleId! },
        ),
      );
    }
  }
  if (others.length === 0) return [];
  return (await holdersOf(db, others, now)).filter((id) => holders.has(id));
}

async function describe(
  db: TDb,
  rules: Array<{
    id: string;
    name: string;
    severity: 'BLOCK' | 'MITIGATABLE';
    items: Array<{ side: string; entitlementId: string | null; roleId: string | null }>;
  }>,
  found: Map<string, Array<{ identityId: string; conflict: TSodConflict }>>,
): Promise<TRoleChangeConflict[]> {
  const all = [...found.values()].flat();
  const names = await loadItemNames(db, [
    ...rules.flatMap((r) => r.items.map((i) => i.entitlementId ?? i.roleId!)),
    ...all.flatMap(({ conflict }) =>
      [...conflict.sideA, ...conflict.sideB].flatMap((h) => [
        h.ref.id,
        ...(h.viaRoleId ? [h.viaRoleId] : []),
      ]),
    ),
  ]);
  const people = new Map(
    (
      await db.identity.findMany({
        where: { id: { in: [...new Set(all.map((f) => f.identityId))] } },
        select: { id: true, displayName: true },
      })
    ).map((p) => [p.id, p.displayName]),
  );
  return rules
    .filter((r) => found.has(r.id))
    .map((r) => {
      const side = (s: string) =>
        r.items.filter((i) => i.side === s).map((i) => names.get(i.entitlementId ?? i.roleId!) ?? 'an item');
      return {
        ruleId: r.id,
        ruleName: r.name,
        severity: r.severity,
        sideA: side('A'),
        sideB: side('B'),
        people: found
          .get(r.id)!
          .map(({ identityId, conflict }) => ({
            id: identityId,
            displayName: people.get(identityId) ?? identityId,
            explanation: explainConflict(conflict, names),
          }))
          .sort((a, b) => a.displayName.localeCompare(b.displayName)),
      };
    });
}
