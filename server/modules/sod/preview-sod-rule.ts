import type { TDb } from '@/server/db/client.ts';
import { loadGrantFacts, loadItemNames, loadMitigations } from './load-sod-facts.ts';
import { effectiveHoldings, evaluateSod, explainConflict, type TSodRuleItem } from './sod-evaluation.ts';
import { ZSodRuleInput, type TSodRuleInput } from './sod-rule-schema.ts';
import { holdersOf } from './sod-population.ts';

const PREVIEW_RULE_ID = 'preview';

/**
 * "Who violates this rule today", before it is saved: everyone holding something on both sides now,
 * with what they hold on each side and why. Mitigations in force are shown when editing a saved rule.
 */
export async function previewSodRule(db: TDb, input: TSodRuleInput & { id?: string }, deps: { now?: Date } = {}) {
  const now = deps.now ?? new Date();
  const rule = ZSodRuleInput.parse(input);
  const [a, b] = await Promise.all([holdersOf(db, rule.sideA, now), holdersOf(db, rule.sideB, now)]);
  const bSet = new Set(b);
  const candidates = a.filter((id) => bSet.has(id)).slice(0, 200);
  const items: TSodRuleItem[] = (['A', 'B'] as const).flatMap((side) =>
    (side === 'A' ? rule.sideA : rule.sideB).map((r) => ({ ruleId: PREVIEW_RULE_ID, side, entitlementId: r.kind === 'ENTITLEMENT' ? r.id : null, roleId: r.kind === 'ROLE' ? r.id : null })),
  );
  const ruleFacts = [{ id: PREVIEW_RULE_ID, name: rule.name, severity: rule.severity }];
  const people = await db.identity.findMany({ where: { id: { in: candidates } }, select: { id: true, displayName: true, department: true, title: true } });
  const names = await loadItemNames(db, [...rule.sideA, ...rule.sideB].map((r) => r.id));
  const violators = [];
  for (const person of people.sort((x, y) => x.displayName.localeCompare(y.displayName))) {
    const { grants, catalog } = await loadGrantFacts(db, person.id);
    const mitigations = input.id ? (await loadMitigations(db, person.id, [input.id], now)).map((m) => ({ ...m, ruleId: PREVIEW_RULE_ID })) : [];
    const conflict = evaluateSod({ holdings: effectiveHoldings(person.id, grants, catalog, now), rules: ruleFacts, items, mitigations, now }).conflicts[0];
    if (!conflict) continue;
    const extra = await loadItemNames(db, [...conflict.sideA, ...conflict.sideB].flatMap((h) => (h.viaRoleId ? [h.viaRoleId] : [])));
    violators.push({ person, status: conflict.status, explanation: explainConflict(conflict, new Map([...names, ...extra])) });
  }
  return { count: violators.length, violators };
}
