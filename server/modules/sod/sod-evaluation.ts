import type { GrantSource } from '@/prisma/generated/enums.ts';
import {
  computeDesiredAccess,
  isGrantInForce,
  type TGrantFacts,
  type TPolicyCatalog,
} from '@/server/modules/policy/index.ts';
import { formatDate } from '@/server/shared/format-date.ts';

export type TSodRef = { kind: 'ENTITLEMENT' | 'ROLE'; id: string };

/** One reason a person holds (or would hold) something a rule names. */
export type THolding = {
  ref: TSodRef;
  /** Null for what is being requested. */
  grantId: string | null;
  source: GrantSource | 'REQUESTED';
  viaRoleId: string | null;
};

export type TSodRuleItem = {
  ruleId: string;
  side: 'A' | 'B';
  entitlementId: string | null;
  roleId: string | null;
};
export type TSodRuleFacts = { id: string; name: string; severity: 'BLOCK' | 'MITIGATABLE' };
export type TSodMitigationFacts = { id: string; ruleId: string; control: string; expiresAt: Date };

export type TConflictStatus = 'BLOCKED' | 'NEEDS_MITIGATION' | 'MITIGATED';

export type TSodConflict = {
  ruleId: string;
  ruleName: string;
  severity: 'BLOCK' | 'MITIGATABLE';
  status: TConflictStatus;
  sideA: THolding[];
  sideB: THolding[];
  /** The conflict exists only because of what is requested. */
  isNew: boolean;
  /** Something requested is on one of its sides. */
  involvesRequested: boolean;
  mitigation: { id: string; control: string; expiresAt: Date } | null;
};

export type TSodEvaluation = {
  conflicts: TSodConflict[];
  /** A new conflict with a blocking rule: the request cannot go ahead. */
  isBlocked: boolean;
  /** A new conflict that a mitigating control can allow, and none is in force. */
  needsMitigation: boolean;
};

/**
 * What a person effectively holds, for SoD: every grant in force expanded through its roles by the
 * one desired-state engine, plus the roles themselves. Posture is ignored (a pre-hire's future access
 * counts), and an approved grant counts before it reaches the target.
 */
export function effectiveHoldings(
  identityId: string,
  grants: readonly TGrantFacts[],
  catalog: TPolicyCatalog,
  now: Date,
): THolding[] {
  const desired = computeDesiredAccess(
    { id: identityId, status: 'ACTIVE', startDate: null, endDate: null },
    grants,
    catalog,
    { now, prehireLeadDays: 0 },
  );
  const holdings: THolding[] = [];
  for (const account of desired.values()) {
    for (const [entitlementId, reasons] of account.entitlements) {
      for (const r of reasons)
        holdings.push({
          ref: { kind: 'ENTITLEMENT', id: entitlementId },
          grantId: r.grantId,
          source: r.source,
          viaRoleId: r.viaRoleId,
        });
    }
  }
  for (const g of grants) {
    if (g.roleId && isGrantInForce(g, now))
      holdings.push({
        ref: { kind: 'ROLE', id: g.roleId },
        grantId: g.id,
        source: g.source,
        viaRoleId: null,
      });
  }
  return holdings;
}

/** What a request would add: the item itself and, for a role, everything it bundles. */
export function requestedHoldings(
  items: readonly TSodRef[],
  roleEntitlements: ReadonlyMap<string, readonly string[]>,
): THolding[] {
  return items.flatMap((item): THolding[] => {
    const self: THolding = { ref: item, grantId: null, source: 'REQUESTED', viaRoleId: null };
    if (item.kind === 'ENTITLEMENT') return [self];
    const bundled = (roleEntitlements.get(item.id) ?? []).map((id): THolding => ({
      ref: { kind: 'ENTITLEMENT', id },
      grantId: null,
      source: 'REQUESTED',
      viaRoleId: item.id,
    }));
    return [self, ...bundled];
  });
}

const refKey = (r: TSodRef) => `${r.kind}:${r.id}`;

/**
 * Segregation of duties on a set of holdings: a rule is violated when something on side A and
 * something on side B are both held. Mitigations allow MITIGATABLE rules only, until they expire.
 */
export function evaluateSod(input: {
  holdings: readonly THolding[];
  rules: readonly TSodRuleFacts[];
  items: readonly TSodRuleItem[];
  mitigations: readonly TSodMitigationFacts[];
  now: Date;
}): TSodEvaluation {
  const byRef = new Map<string, THolding[]>();
  for (const h of input.holdings) byRef.set(refKey(h.ref), [...(byRef.get(refKey(h.ref)) ?? []), h]);
  const itemsByRule = new Map<string, TSodRuleItem[]>();
  for (const i of input.items) itemsByRule.set(i.ruleId, [...(itemsByRule.get(i.ruleId) ?? []), i]);

  const conflicts: TSodConflict[] = [];
  for (const rule of input.rules) {
    const side = (s: 'A' | 'B') =>
      (itemsByRule.get(rule.id) ?? [])
        .filter((i) => i.side === s)
        .flatMap(
          (i) =>
            byRef.get(
              refKey(
                i.entitlementId
                  ? { kind: 'ENTITLEMENT', id: i.entitlementId }
                  : { kind: 'ROLE', id: i.roleId! },
              ),
            ) ?? [],
        );
    const sideA = side('A');
    const sideB = side('B');
    if (sideA.length === 0 || sideB.length === 0) continue;
    const held = (hs: THolding[]) => hs.filter((h) => h.source !== 'REQUESTED');
    const mitigation =
      rule.severity === 'MITIGATABLE'
        ? (input.mitigations
            .filter((m) => m.ruleId === rule.id && m.expiresAt > input.now)
            .sort((a, b) => b.expiresAt.getTime() - a.expiresAt.getTime())[0] ?? null)
        : null;
    conflicts.push({
      ruleId: rule.id,
      ruleName: rule.name,
      severity: rule.severity,
      status: rule.severity === 'BLOCK' ? 'BLOCKED' : mitigation ? 'MITIGATED' : 'NEEDS_MITIGATION',
      sideA,
      sideB,
      isNew: held(sideA).length === 0 || held(sideB).length === 0,
      involvesRequested: [...sideA, ...sideB].some((h) => h.source === 'REQUESTED'),
      mitigation: mitigation
        ? { id: mitigation.id, control: mitigation.control, expiresAt: mitigation.expiresAt }
        : null,
    });
  }
  return {
    conflicts,
    isBlocked: conflicts.some((c) => c.isNew && c.status === 'BLOCKED'),
    needsMitigation: conflicts.some((c) => c.isNew && c.status === 'NEEDS_MITIGATION'),
  };
}

/** Conflicts that hold a given entitlement against the person now (the last check before provisioning). */
export function conflictsInvolving(evaluation: TSodEvaluation, entitlementId: string): TSodConflict[] {
  return evaluation.conflicts.filter(
    (c) =>
      c.status !== 'MITIGATED' &&
      [...c.sideA, ...c.sideB].some((h) => h.ref.kind === 'ENTITLEMENT' && h.ref.id === entitlementId),
  );
}

const SOURCE_WORDS: Record<THolding['source'], string> = {
  REQUESTED: 'requested now',
  REQUEST: 'granted on request',
  BIRTHRIGHT: 'birthright',
  ADMIN: 'granted by the identity team',
  RECONCILIATION: 'found in the application',
  SEED: 'initial load',
};

/** One sentence a requester or approver can act on. `names` maps entitlement and role ids to names. */
export function explainConflict(conflict: TSodConflict, names: ReadonlyMap<string, string>): string {
  const describe = (hs: THolding[]) => {
    const seen = new Map<string, string>();
    for (const h of hs) {
      const name = names.get(h.ref.id) ?? 'an item';
      const via = h.viaRoleId ? ` via role ${names.get(h.viaRoleId) ?? 'a role'}` : '';
      const key = `${h.ref.id}:${h.viaRoleId ?? ''}`;
      if (!seen.has(key)) seen.set(key, `${name} (${SOURCE_WORDS[h.source]}${via})`);
    }
    return [...seen.values()].join(', ');
  };
  const what = `${describe(conflict.sideA)} conflicts with ${describe(conflict.sideB)} under the rule “${conflict.ruleName}”`;
  switch (conflict.status) {
    case 'BLOCKED':
      return `${what}. Nobody may hold both: the rule blocks it.`;
    case 'NEEDS_MITIGATION':
      return `${what}. It is allowed only with a mitigating control, recorded by a security officer.`;
    case 'MITIGATED':
      return `${what}. Allowed with the mitigating control “${conflict.mitigation!.control}” until ${formatDate(conflict.mitigation!.expiresAt)}.`;
  }
}
