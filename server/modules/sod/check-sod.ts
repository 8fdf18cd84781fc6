import type { TDb } from '@/server/db/client.ts';
import { loadItemNames, loadMitigations, loadSodFacts } from './load-sod-facts.ts';
import { effectiveHoldings, evaluateSod, explainConflict, requestedHoldings, type THolding, type TSodConflict, type TSodEvaluation, type TSodRef } from './sod-evaluation.ts';

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

export type TSodCheckResult = { evaluation: TSodEvaluation; summary: TSodCheck; holdings: THolding[] };

/**
 * The one SoD check, used at submit, at every approval, before provisioning and for birthright: the
 * person's effective access (grants in force through roles and birthright, approved or not yet on
 * the target) plus what is requested, against the rules that touch them.
 */
export async function checkSod(db: TDb, identityId: string, requested: readonly TSodRef[], deps: { now: Date }): Promise<TSodCheckResult> {
  const facts = await loadSodFacts(db, identityId, requested);
  const held = effectiveHoldings(identityId, facts.grants, facts.catalog, deps.now);
  const holdings = [...held, ...requestedHoldings(requested, facts.catalog.roleEntitlements)];
  let evaluation = evaluateSod({ holdings, rules: facts.rules, items: facts.items, mitigations: [], now: deps.now });
  const mitigatable = evaluation.conflicts.filter((c) => c.severity === 'MITIGATABLE').map((c) => c.ruleId);
  if (mitigatable.length) {
    const mitigations = await loadMitigations(db, identityId, mitigatable, deps.now);
    if (mitigations.length) evaluation = evaluateSod({ holdings, rules: facts.rules, items: facts.items, mitigations, now: deps.now });
  }
  // With something requested, only the conflicts it takes part in need words; a scan explains all.
  const explained = requested.length ? { ...evaluation, conflicts: evaluation.conflicts.filter((c) => c.involvesRequested) } : evaluation;
  return { evaluation, summary: await summarise(db, explained, deps.now), holdings: held };
}

export async function summarise(db: TDb, evaluation: TSodEvaluation, now: Date): Promise<TSodCheck> {
  const base = { checkedAt: now, isBlocked: evaluation.isBlocked, needsMitigation: evaluation.needsMitigation };
  if (evaluation.conflicts.length === 0) return { ...base, conflicts: [] };
  const names = await loadItemNames(
    db,
    evaluation.conflicts.flatMap((c) => [...c.sideA, ...c.sideB].flatMap((h) => [h.ref.id, ...(h.viaRoleId ? [h.viaRoleId] : [])])),
  );
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
    conflicts: v.conflicts.map((c) => ({ ...c, mitigation: c.mitigation ? { ...c.mitigation, expiresAt: new Date(c.mitigation.expiresAt as unknown as string) } : null })),
  };
}

