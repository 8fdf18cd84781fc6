import { describe, expect, it } from 'vitest';
import type { TGrantFacts, TPolicyCatalog } from '@/server/modules/policy/index.ts';
import {
  conflictsInvolving,
  effectiveHoldings,
  evaluateSod,
  explainConflict,
  requestedHoldings,
  type TSodMitigationFacts,
  type TSodRuleFacts,
  type TSodRuleItem,
} from './sod-evaluation.ts';

const now = new Date('2026-06-15T12:00:00Z');
const catalog: TPolicyCatalog = {
  entitlements: new Map(
    ['ap', 'treasury', 'gl', 'payroll', 'records', 'reports', 'crm'].map((id) => [
      id,
      { id, applicationId: id === 'crm' ? 'sf' : 'dir', singleValued: false },
    ]),
  ),
  roleEntitlements: new Map([
    ['finops', ['reports', 'ap']],
    ['controller', ['gl']],
  ]),
};
const grant = (
  id: string,
  target: { entitlementId?: string; roleId?: string },
  extra: Partial<TGrantFacts> = {},
): TGrantFacts => ({
  id,
  entitlementId: target.entitlementId ?? null,
  roleId: target.roleId ?? null,
  source: 'REQUEST',
  startsAt: new Date('2026-01-01'),
  endsAt: null,
  ...extra,
});
const rules: TSodRuleFacts[] = [
  { id: 'r-pay', name: 'Payment segregation', severity: 'BLOCK' },
  { id: 'r-hr', name: 'Payroll vs records', severity: 'MITIGATABLE' },
  { id: 'r-gl', name: 'Ledger vs payables', severity: 'BLOCK' },
  { id: 'r-cross', name: 'CRM vs payables', severity: 'MITIGATABLE' },
];
const items: TSodRuleItem[] = [
  { ruleId: 'r-pay', side: 'A', entitlementId: 'ap', roleId: null },
  { ruleId: 'r-pay', side: 'B', entitlementId: 'treasury', roleId: null },
  { ruleId: 'r-hr', side: 'A', entitlementId: 'payroll', roleId: null },
  { ruleId: 'r-hr', side: 'B', entitlementId: 'records', roleId: null },
  { ruleId: 'r-gl', side: 'A', entitlementId: null, roleId: 'controller' },
  { ruleId: 'r-gl', side: 'B', entitlementId: 'ap', roleId: null },
  { ruleId: 'r-cross', side: 'A', entitlementId: 'crm', roleId: null },
  { ruleId: 'r-cross', side: 'B', entitlementId: 'ap', roleId: null },
];
const mitigation = (ruleId: string, expiresAt: string): TSodMitigationFacts => ({
  id: `m-${ruleId}`,
  ruleId,
  control: 'Monthly review',
  expiresAt: new Date(expiresAt),
});

function evaluate(
  grants: TGrantFacts[],
  requested: Array<{ kind: 'ENTITLEMENT' | 'ROLE'; id: string }>,
  mitigations: TSodMitigationFacts[] = [],
) {
  const holdings = [
    ...effectiveHoldings('p', grants, catalog, now),
    ...requestedHoldings(requested, catalog.roleEntitlements),
  ];
  return evaluateSod({ holdings, rules, items, mitigations, now });
}
const summary = (e: ReturnType<typeof evaluate>) => ({
  blocked: e.isBlocked,
  mitigation: e.needsMitigation,
  conflicts: e.conflicts.map((c) => `${c.ruleId}:${c.status}${c.isNew ? ':new' : ''}`),
});

describe('evaluateSod', () => {
  it.each([
    [
      'nothing held, nothing conflicting',
      [],
      [{ kind: 'ENTITLEMENT', id: 'reports' }],
      { blocked: false, mitigation: false, conflicts: [] },
    ],
    [
      'entitlement vs entitlement, blocking',
      [grant('g1', { entitlementId: 'treasury' })],
      [{ kind: 'ENTITLEMENT', id: 'ap' }],
      { blocked: true, mitigation: false, conflicts: ['r-pay:BLOCKED:new'] },
    ],
    [
      'both sides in one submission',
      [],
      [
        { kind: 'ENTITLEMENT', id: 'ap' },
        { kind: 'ENTITLEMENT', id: 'treasury' },
      ],
      { blocked: true, mitigation: false, conflicts: ['r-pay:BLOCKED:new'] },
    ],
    [
      'a role on one side, its bundled entitlement requested',
      [grant('g1', { roleId: 'controller' })],
      [{ kind: 'ENTITLEMENT', id: 'ap' }],
      { blocked: true, mitigation: false, conflicts: ['r-gl:BLOCKED:new'] },
    ],
    [
      'an entitlement held through a role',
      [grant('g1', { roleId: 'finops' })],
      [{ kind: 'ENTITLEMENT', id: 'treasury' }],
      { blocked: true, mitigation: false, conflicts: ['r-pay:BLOCKED:new'] },
    ],
    [
      'requesting a role that bundles a conflicting entitlement',
      [grant('g1', { entitlementId: 'treasury' })],
      [{ kind: 'ROLE', id: 'finops' }],
      { blocked: true, mitigation: false, conflicts: ['r-pay:BLOCKED:new'] },
    ],
    [
      'birthright counts',
      [grant('g1', { entitlementId: 'payroll' }, { source: 'BIRTHRIGHT' })],
      [{ kind: 'ENTITLEMENT', id: 'records' }],
      { blocked: false, mitigation: true, conflicts: ['r-hr:NEEDS_MITIGATION:new'] },
    ],
    [
      'across applications',
      [grant('g1', { entitlementId: 'crm' })],
      [{ kind: 'ENTITLEMENT', id: 'ap' }],
      { blocked: false, mitigation: true, conflicts: ['r-cross:NEEDS_MITIGATION:new'] },
    ],
    [
      'a mitigation in force allows it',
      [grant('g1', { entitlementId: 'payroll' })],
      [{ kind: 'ENTITLEMENT', id: 'records' }],
      { blocked: false, mitigation: false, conflicts: ['r-hr:MITIGATED:new'] },
      [mitigation('r-hr', '2026-12-31')],
    ],
    [
      'an expired mitigation raises the conflict again',
      [grant('g1', { entitlementId: 'payroll' })],
      [{ kind: 'ENTITLEMENT', id: 'records' }],
      { blocked: false, mitigation: true, conflicts: ['r-hr:NEEDS_MITIGATION:new'] },
      [mitigation('r-hr', '2026-06-01')],
    ],
    [
      'a mitigation never allows a blocking rule',
      [grant('g1', { entitlementId: 'treasury' })],
      [{ kind: 'ENTITLEMENT', id: 'ap' }],
      { blocked: true, mitigation: false, conflicts: ['r-pay:BLOCKED:new'] },
      [mitigation('r-pay', '2026-12-31')],
    ],
    [
      'an expired grant does not count',
      [grant('g1', { entitlementId: 'treasury' }, { endsAt: new Date('2026-06-01') })],
      [{ kind: 'ENTITLEMENT', id: 'ap' }],
      { blocked: false, mitigation: false, conflicts: [] },
    ],
    [
      'a grant that has not started does not count',
      [grant('g1', { entitlementId: 'treasury' }, { startsAt: new Date('2026-07-01') })],
      [{ kind: 'ENTITLEMENT', id: 'ap' }],
      { blocked: false, mitigation: false, conflicts: [] },
    ],
    [
      'an existing conflict is not new: an unrelated request is not blocked by it',
      [grant('g1', { entitlementId: 'treasury' }), grant('g2', { entitlementId: 'ap' }, { source: 'ADMIN' })],
      [{ kind: 'ENTITLEMENT', id: 'reports' }],
      { blocked: false, mitigation: false, conflicts: ['r-pay:BLOCKED'] },
    ],
  ] as const)(
    '%s',
    (_name, grants, requested, expected, mitigations: readonly TSodMitigationFacts[] = []) => {
      expect(summary(evaluate([...grants], [...requested], [...mitigations]))).toEqual(expected);
    },
  );

  it('names the grants on each side', () => {
    const e = evaluate([grant('g1', { roleId: 'finops' })], [{ kind: 'ENTITLEMENT', id: 'treasury' }]);
    expect(e.conflicts[0]?.sideA).toEqual([
      { ref: { kind: 'ENTITLEMENT', id: 'ap' }, grantId: 'g1', source: 'REQUEST', viaRoleId: 'finops' },
    ]);
    expect(e.conflicts[0]?.sideB).toEqual([
      { ref: { kind: 'ENTITLEMENT', id: 'treasury' }, grantId: null, source: 'REQUESTED', viaRoleId: null },
    ]);
  });

  it('finds what stands against one entitlement about to be provisioned', () => {
    const e = evaluate(
      [
        grant('g1', { entitlementId: 'treasury' }),
        grant('g2', { entitlementId: 'ap' }),
        grant('g3', { entitlementId: 'payroll' }),
      ],
      [],
    );
    expect(conflictsInvolving(e, 'ap').map((c) => c.ruleId)).toEqual(['r-pay']);
    expect(conflictsInvolving(e, 'payroll')).toEqual([]);
  });
});

describe('explainConflict', () => {
  const names = new Map([
    ['ap', 'Accounts Payable'],
    ['treasury', 'Treasury Payments'],
    ['finops', 'Finance Operations'],
    ['payroll', 'Payroll'],
    ['records', 'People Records'],
  ]);
  it.each([
    [
      'blocked',
      [grant('g1', { roleId: 'finops' })],
      [{ kind: 'ENTITLEMENT' as const, id: 'treasury' }],
      [],
      'Accounts Payable (granted on request via role Finance Operations) conflicts with Treasury Payments (requested now) under the rule “Payment segregation”. Nobody may hold both: the rule blocks it.',
    ],
    [
      'needs a mitigation',
      [grant('g1', { entitlementId: 'payroll' }, { source: 'BIRTHRIGHT' })],
      [{ kind: 'ENTITLEMENT' as const, id: 'records' }],
      [],
      'Payroll (birthright) conflicts with People Records (requested now) under the rule “Payroll vs records”. It is allowed only with a mitigating control, recorded by a security officer.',
    ],
    [
      'mitigated',
      [grant('g1', { entitlementId: 'payroll' })],
      [{ kind: 'ENTITLEMENT' as const, id: 'records' }],
      [mitigation('r-hr', '2026-12-31T00:00:00Z')],
      'Payroll (granted on request) conflicts with People Records (requested now) under the rule “Payroll vs records”. Allowed with the mitigating control “Monthly review” until 31 Dec 2026.',
    ],
  ])('%s', (_name, grants, requested, mitigations, text) => {
    expect(explainConflict(evaluate(grants, requested, mitigations).conflicts[0]!, names)).toBe(text);
  });
});
