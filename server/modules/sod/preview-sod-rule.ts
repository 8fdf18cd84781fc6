import type { TDb } from '@/server/db/client.ts';
import { loadGrantFactsForMany, loadItemNames, loadMitigationsForMany } from './load-sod-facts.ts';
import { effectiveHoldings, evaluateSod, explainConflict, type TSodRuleItem } from './sod-evaluation.ts';
import { ZSodRuleInput, type TSodRuleInput } from './sod-rule-schema.ts';
import { holdersOf } from './sod-population.ts';

const PREVIEW_RULE_ID = 'preview';

/**
 * "Who violates this rule today", before it is saved: everyone holding something on both sides now,
 * with what they hold on each side and why. Mitigations in force are shown when editing a saved rule.
 */
export async function previewSodRule(
  db: TDb,
  input: TSodRuleInput & { id?: string },
  deps: { now?: Date } = {},
) {
  const now = deps.now ?? new Date();
  const rule = ZSodRuleInput.parse(input);
  const [a, b] = await Promise.all([holdersOf(db, rule.sideA, now), holdersOf(db, rule.sideB, now)]);
  const bSet = new Set(b);
  const candidates = a.filter((id) => bSet.has(id)).slice(0, 200);
  const items: TSodRuleItem[] = (['A', 'B'] as const).flatMap((side) =>
    (side === 'A' ? rule.sideA : rule.sideB).map((r) => ({
      ruleId: PREVIEW_RULE_ID,
      side,
      entitlementId: r.kind === 'ENTITLEMENT' ? r.id : null,
      roleId: r.kind === 'ROLE' ? r.id : null,
    })),
  );
  const ruleFacts = [{ id: PREVIEW_RULE_ID, name: rule.name, severity: rule.severity }];
  const people = await db.identity.findMany({
    where: { id: { in: candidates } },
    select: { id: true, displayName: true, department: true, title: true },
  });
  const names = await loadItemNames(
    db,
    [...rule.sideA, ...rule.sideB].map((r) => r.id),
  );
  // Every candidate's grants and mitigations at once, then the roles the explanations name: the same
  // queries for 2 candidates as for 200.
  const [facts, mitigations] = await Promise.all([
    loadGrantFactsForMany(db, candidates),
    input.id ? loadMitigationsForMany(db, candidates, [input.id], now) : Promise.resolve([]),
  ]);
  const evaluated = people
    .sort((x, y) => x.displayName.localeCompare(y.displayName))
    .flatMap((person) => {
      const { grants, catalog } = facts.get(person.id)!;
      const own = mitigations
        .filter((m) => m.identityId === person.id)
        .map((m) => ({ ...m, ruleId: PREVIEW_RULE_ID }));
      const conflict = evaluateSod({
        holdings: effectiveHoldings(person.id, grants, catalog, now),
        rules: ruleFacts,
        items,
        mitigations: own,
        now,
      }).conflicts[0];
      return conflict ? [{ person, conflict }] : [];
    });
  const extra = await loadItemNames(
    db,
    evaluated.flatMap(({ conflict }) =>
      [...conflict.sideA, ...conflict.sideB].flatMap((h) => (h.viaRoleId ? [h.viaRoleId] : [])),
    ),
  );
  const allNames = new Map([...names, ...extra]);
  const violators = evaluated.map(({ person, conflict }) => ({
    person,
    status: conflict.status,
    explanation: explainConflict(conflict, allNames),
  }));
  return { count: violators.length, violators };
}
