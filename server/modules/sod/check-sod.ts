import type { TDb } from '@/server/db/client.ts';
import { runAll } from '@/server/db/run-all.ts';
import {
  loadItemNames,
  loadMitigationsForMany,
  loadSodFactsForMany,
  sodRulesRead,
  type TSodQuestion,
} from './load-sod-facts.ts';
import {
  effectiveHoldings,
  evaluateSod,
  explainConflict,
  requestedHoldings,
  type THolding,
  type TSodConflict,
  type TSodEvaluation,
  type TSodRef,
  type TSodRuleFacts,
  type TSodRuleItem,
} from './sod-evaluation.ts';

export type TSodConflictSummary = {
  ruleId: string;
  ruleName: string;
  severity: 'BLOCK' | 'MITIGATABLE';
  status: TSodConflict['status'];
  isNew: boolean;
  explanation: string;
  /** The grants behind the conflict (null: what is requested). */
  grantIds: string[];
  mitigation: { id: string; control: string; expiresAt: Date } | null;
};

/** What a request page, an approver and the audit trail see: serialisable, with explanations. */
export type TSodCheck = {
  checkedAt: Date;
  isBlocked: boolean;
  needsMitigation: boolean;
  conflicts: TSodConflictSummary[];
};

/**
 * `holdings`: what the person holds in force. With something requested, only of what the rules the
 * request names and the request itself name (enough to say whether an asked item is held already).
 * `rulesRead`: the rules the check weighed (sodRulesRead), for a submission's hold to compare with
 * what it reads again under its locks (sodRulesReadNow; meaningful with something requested).
 */
export type TSodCheckResult = {
  evaluation: TSodEvaluation;
  summary: TSodCheck;
  holdings: THolding[];
  /** Computed when asked: a scan's page shares thousands of items and never asks. */
  rulesRead: () => string;
};

/**
 * The one SoD check, used at submit, at every approval, before provisioning and for birthright: the
 * person's effective access (grants in force through roles and birthright, approved or not yet on
 * the target) plus what is requested, against the rules that touch them. With something requested,
 * the answer holds the conflicts the request takes part in (new ones decide); with nothing requested
 * (an extension, a review, the provisioning guard), every conflict of the person's.
 */
export async function checkSod(
  db: TDb,
  identityId: string,
  requested: readonly TSodRef[],
  deps: { now: Date },
): Promise<TSodCheckResult> {
  return (await checkSodForMany(db, [{ identityId, requested }], deps))[0]!;
}

/**
 * checkSod for a batch of questions (an approver's page of pending steps) in a fixed number of
 * queries: the facts of all of them, then the mitigations and the names of every conflict at once;
 * when every question asks for something, those words come with the facts and there is no second
 * round (docs/decisions/099, "Words with the items"). Results come back in the order of `questions`.
 */
export async function checkSodForMany(
  db: TDb,
  questions: readonly TSodQuestion[],
  deps: { now: Date },
): Promise<TSodCheckResult[]> {
  const facts = await loadSodFactsForMany(db, questions, { wordsAt: deps.now });
  const indexes = new WeakMap<readonly TSodRuleItem[], ReadonlyMap<string, number[]>>();
  const evaluated = questions.map((q, i) => {
    const f = facts[i]!;
    const held = effectiveHoldings(q.identityId, f.grants, f.catalog, deps.now);
    const holdings = [...held, ...requestedHoldings(q.requested, f.catalog.roleEntitlements)];
    // The batch shares one list of rule items (every rule someone in it touches, thousands for a
    // scan's page): each person is evaluated against only the items their own holdings name, which
    // is what evaluateSod would find of the whole list, at the cost of their holdings, not the rules.
    let byRef = indexes.get(f.items);
    if (!byRef) indexes.set(f.items, (byRef = indexItemsByRef(f.items)));
    const mine = itemsNamedBy(holdings, f.items, byRef, f.rules, q.rules);
    const evaluation = evaluateSod({ holdings, ...mine, mitigations: [], now: deps.now });
    return { q, f: { ...f, ...mine }, held, holdings, evaluation };
  });
  const mitigatable = evaluated.flatMap((e) =>
    e.evaluation.conflicts
      .filter((c) => c.severity === 'MITIGATABLE')
      .map((c) => ({ identityId: e.q.identityId, ruleId: c.ruleId })),
  );
  // Mitigations change a conflict's status, never which conflicts there are: the names their
  // explanations need are read beside them, or were read with the facts (a check asking for something).
  const words = facts[0]?.words;
  const [mitigations, names] = words
    ? [words.mitigations, words.names]
    : await runAll(db, [
        () =>
          loadMitigationsForMany(
            db,
            mitigatable.map((m) => m.identityId),
            mitigatable.map((m) => m.ruleId),
            deps.now,
          ),
        () =>
          loadItemNames(
            db,
            evaluated.flatMap((e) => namedIn(explainable(e.q, e.evaluation))),
          ),
      ] as const);
  const withMitigations = evaluated.map((e) => {
    const mine = mitigations.filter((m) => m.identityId === e.q.identityId);
    if (mine.length === 0) return e;
    return {
      ...e,
      evaluation: evaluateSod({
        holdings: e.holdings,
        rules: e.f.rules,
        items: e.f.items,
        mitigations: mine,
        now: deps.now,
      }),
    };
  });
  const explained = withMitigations.map((e) => explainable(e.q, e.evaluation));
  return withMitigations.map((e, i) => ({
    evaluation: e.evaluation,
    summary: summariseWith(explained[i]!, deps.now, names),
    holdings: e.held,
    rulesRead: () => sodRulesRead(facts[i]!),
  }));
}

/** With something requested, only the conflicts it takes part in need words; a scan explains all. */
const explainable = (q: TSodQuestion, evaluation: TSodEvaluation): TSodEvaluation =>
  q.requested.length
    ? { ...evaluation, conflicts: evaluation.conflicts.filter((c) => c.involvesRequested) }
    : evaluation;

const itemRefKey = (i: TSodRuleItem) =>
  i.entitlementId ? `ENTITLEMENT:${i.entitlementId}` : `ROLE:${i.roleId}`;

/** Each item's position in the batch's list, by the entitlement or role it names. */
function indexItemsByRef(items: readonly TSodRuleItem[]): Map<string, number[]> {
  const byRef = new Map<string, number[]>();
  items.forEach((i, position) => {
    const list = byRef.get(itemRefKey(i));
    if (list) list.push(position);
    else byRef.set(itemRefKey(i), [position]);
  });
  return byRef;
}

/**
 * The rule items these holdings name, in the batch's order (it decides the order of a conflict's
 * sides, hence of its explanation and grants), and their rules, in the batch's order too; only of
 * `asked` rules when the question names them.
 */
function itemsNamedBy(
  holdings: readonly THolding[],
  all: readonly TSodRuleItem[],
  byRef: ReadonlyMap<string, number[]>,
  rules: readonly TSodRuleFacts[],
  asked: readonly string[] | undefined,
): { items: TSodRuleItem[]; rules: TSodRuleFacts[] } {
  const positions = new Set<number>();
  for (const h of holdings) for (const p of byRef.get(`${h.ref.kind}:${h.ref.id}`) ?? []) positions.add(p);
  const only = asked && new Set(asked);
  const items = [...positions]
    .sort((a, b) => a - b)
    .map((p) => all[p]!)
    .filter((i) => !only || only.has(i.ruleId));
  const ruleIds = new Set(items.map((i) => i.ruleId));
  return { items, rules: rules.filter((r) => ruleIds.has(r.id)) };
}

export async function summarise(db: TDb, evaluation: TSodEvaluation, now: Date): Promise<TSodCheck> {
  return summariseWith(evaluation, now, await loadItemNames(db, namedIn(evaluation)));
}

/** The entitlements and roles a conflict's explanation names. */
function namedIn(evaluation: TSodEvaluation): string[] {
  return evaluation.conflicts.flatMap((c) =>
    [...c.sideA, ...c.sideB].flatMap((h) => [h.ref.id, ...(h.viaRoleId ? [h.viaRoleId] : [])]),
  );
}

function summariseWith(evaluation: TSodEvaluation, now: Date, names: ReadonlyMap<string, string>): TSodCheck {
  const base = {
    checkedAt: now,
    isBlocked: evaluation.isBlocked,
    needsMitigation: evaluation.needsMitigation,
  };
  return {
    ...base,
    conflicts: evaluation.conflicts.map((c) => ({
      ruleId: c.ruleId,
      ruleName: c.ruleName,
      severity: c.severity,
      status: c.status,
      isNew: c.isNew,
      explanation: explainConflict(c, names),
      grantIds: [...new Set([...c.sideA, ...c.sideB].flatMap((h) => (h.grantId ? [h.grantId] : [])))],
      mitigation: c.mitigation,
    })),
  };
}

/** The stored form (AccessRequest.sodEvaluation is JSON). */
export function toStoredSodCheck(check: TSodCheck) {
  return JSON.parse(JSON.stringify(check)) as object;
}

export function fromStoredSodCheck(json: unknown): TSodCheck | null {
  const v = json as Partial<TSodCheck> | null;
  if (!v || !Array.isArray(v.conflicts)) return null;
  return {
    checkedAt: new Date(v.checkedAt as unknown as string),
    isBlocked: Boolean(v.isBlocked),
    needsMitigation: Boolean(v.needsMitigation),
    conflicts: v.conflicts.map((c) => ({
      ...c,
      mitigation: c.mitigation
        ? { ...c.mitigation, expiresAt: new Date(c.mitigation.expiresAt as unknown as string) }
        : null,
    })),
  };
}
