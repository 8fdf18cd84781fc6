import { describe, expect, it } from 'vitest';
import type { MembershipStatus } from '@/prisma/generated/enums.ts';
import {
  diffAccess,
  type TAttributes,
  type TInFlight,
  type TObservedAccount,
  type TPlannedAccount,
} from './access-diff.ts';
import type { TDesiredAccount } from './desired-access.ts';

const desired = (ents: string[], enabled = true): TDesiredAccount => ({
  applicationId: 'dir',
  enabled,
  entitlements: new Map(ents.map((e) => [e, []])),
});
const planned = (
  memberships: Record<string, MembershipStatus>,
  status: TPlannedAccount['status'] = 'ACTIVE',
): TPlannedAccount => ({
  id: 'acc',
  applicationId: 'dir',
  status,
  attributes: {},
  memberships: new Map(Object.entries(memberships)),
});
const observed = (memberships: string[], o: Partial<TObservedAccount> = {}): TObservedAccount => ({
  stableId: 'uuid-1',
  enabled: true,
  attributes: {},
  memberships: new Set(memberships),
  ...o,
});
const quiet = { account: false, entitlements: new Set<string>() };
type TInput = {
  desired: TDesiredAccount | undefined;
  planned: TPlannedAccount | undefined;
  observed: TObservedAccount | undefined;
  leaver: boolean;
  mappedAttributes: TAttributes;
  inFlight: TInFlight;
};
/** Reconciliation's view of the one diff: one account of one application, with its target read. */
const diff = (input: Partial<TInput>) => {
  const i: TInput = {
    desired: undefined,
    planned: undefined,
    observed: undefined,
    leaver: false,
    mappedAttributes: {},
    inFlight: quiet,
    ...input,
  };
  const { drifts, deferred } = diffAccess(
    new Map(i.desired ? [['dir', i.desired]] : []),
    i.planned ? [i.planned] : [],
    new Map(),
    new Map([['dir', i.mappedAttributes]]),
    new Map([['dir', { account: i.observed, leaver: i.leaver, inFlight: i.inFlight }]]),
  );
  const bare = ({ applicationId, ...d }: (typeof drifts)[number]) =>
    applicationId === 'dir' ? d : { applicationId, ...d };
  return { drifts: drifts.map(bare), deferred: deferred.map(bare) };
};
const kinds = (r: ReturnType<typeof diff>) => ({
  drifts: r.drifts.map((d) =>
    'entitlementId' in d
      ? `${d.kind}:${d.entitlementId}`
      : 'attribute' in d
        ? `${d.kind}:${d.attribute}`
        : d.kind,
  ),
  deferred: r.deferred.map((d) => d.kind),
});

describe('diffAccess with the target read: desired, committed and observed', () => {
  it('finds nothing when the three agree', () => {
    expect(
      diff({ desired: desired(['g1']), planned: planned({ g1: 'ACTIVE' }), observed: observed(['g1']) }),
    ).toEqual({ drifts: [], deferred: [] });
  });

  it('names each kind of difference', () => {
    expect(kinds(diff({ observed: observed(['g1']) }))).toEqual({ drifts: ['ORPHAN_ACCOUNT'], deferred: [] });
    expect(
      kinds(
        diff({
          desired: desired(['g1']),
          planned: planned({ g1: 'ACTIVE' }),
          observed: observed(['g1', 'g2']),
        }),
      ),
    ).toEqual({ drifts: ['UNMANAGED_ENTITLEMENT:g2'], deferred: [] });
    expect(
      kinds(
        diff({
          desired: desired(['g1', 'g2']),
          planned: planned({ g1: 'ACTIVE', g2: 'ACTIVE' }),
          observed: observed(['g1']),
        }),
      ),
    ).toEqual({ drifts: ['MISSING_ENTITLEMENT:g2'], deferred: [] });
    expect(kinds(diff({ desired: desired(['g1']), planned: planned({ g1: 'ACTIVE' }) }))).toEqual({
      drifts: ['MISSING_ACCOUNT'],
      deferred: [],
    });
    expect(
      kinds(diff({ desired: desired([]), planned: planned({}), observed: observed([], { enabled: false }) })),
    ).toEqual({ drifts: ['DISABLED_MISMATCH'], deferred: [] });
    expect(
      kinds(diff({ desired: desired([], false), planned: planned({}, 'DISABLED'), observed: observed([]) })),
    ).toEqual({ drifts: ['DISABLED_MISMATCH'], deferred: [] });
    expect(
      kinds(diff({ leaver: true, planned: planned({}, 'DISABLED'), observed: observed(['g1']) })),
    ).toEqual({ drifts: ['LEAVER_ACCOUNT_ENABLED', 'UNMANAGED_ENTITLEMENT:g1'], deferred: [] });
  });

  it('compares mapped attributes as read, whatever the case of the name or the form of a single value', () => {
    const base = { desired: desired([]), planned: planned({}) };
    expect(
      kinds(
        diff({
          ...base,
          observed: observed([], {
            attributes: { MAIL: ['a@x.test'], title: 'Boss', sn: 'Smith', description: '' },
          }),
          mappedAttributes: { mail: 'a@x.test', title: 'Engineer', l: null, sn: 'Smith', description: null },
        }),
      ),
    ).toEqual({
      drifts: ['ATTRIBUTE_DRIFT:title'],
      deferred: [],
    });
  });

  it('defers what the portal is changing itself instead of reporting it', () => {
    // Being removed (REMOVING) but still in the target: not rogue.
    expect(
      kinds(
        diff({
          desired: desired([]),
          planned: planned({ g1: 'REMOVING' }),
          observed: observed(['g1']),
          inFlight: { account: false, entitlements: new Set(['g1']) },
        }),
      ),
    ).toEqual({ drifts: [], deferred: ['UNMANAGED_ENTITLEMENT'] });
    // A grant retried after the target lost it: not missing.
    expect(
      kinds(
        diff({
          desired: desired(['g1']),
          planned: planned({ g1: 'ACTIVE' }),
          observed: observed([]),
          inFlight: { account: false, entitlements: new Set(['g1']) },
        }),
      ),
    ).toEqual({ drifts: [], deferred: ['MISSING_ENTITLEMENT'] });
    // Being disabled (a leaver's plan in flight): not reported as still enabled.
    expect(
      kinds(
        diff({
          leaver: true,
          planned: planned({}),
          observed: observed([]),
          inFlight: { account: true, entitlements: new Set() },
        }),
      ),
    ).toEqual({ drifts: [], deferred: ['LEAVER_ACCOUNT_ENABLED'] });
  });
});

describe('diffAccess: one engine for the plan and the target', () => {
  it('answers the operations and the drifts of the same comparison side by side', () => {
    const apps = new Map([['dir', { id: 'dir', onDelete: 'DISABLE' as const, onDeleteAttributes: {} }]]);
    const inputs = [
      new Map([['dir', desired(['g1', 'g2'])]]),
      [{ ...planned({ g1: 'ACTIVE' }), attributes: { title: 'Analyst' } }],
      apps,
      new Map([['dir', { title: 'Engineer' }]]),
      new Map([
        [
          'dir',
          {
            account: observed(['g3'], { attributes: { title: ['Analyst'] } }),
            leaver: false,
            inFlight: quiet,
          },
        ],
      ]),
    ] as const;
    const result = diffAccess(...inputs);
    expect(result.changes.map((c) => c.kind)).toEqual(['UPDATE_ACCOUNT', 'ADD_ENTITLEMENT']);
    expect(
      result.drifts.map((d) => ('entitlementId' in d ? `${d.kind}:${d.entitlementId}` : d.kind)),
    ).toEqual(['UNMANAGED_ENTITLEMENT:g3', 'MISSING_ENTITLEMENT:g1', 'ATTRIBUTE_DRIFT']);
    // Reconciliation asks for the drifts alone: the same drifts, no operations planned.
    expect(diffAccess(...inputs, { changes: false })).toEqual({ ...result, changes: [] });
  });
});
