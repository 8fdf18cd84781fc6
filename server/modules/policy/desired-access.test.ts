import { describe, expect, it } from 'vitest';
import {
  accountPosture,
  computeDesiredAccess,
  type TGrantFacts,
  type TPolicyCatalog,
} from './desired-access.ts';

const now = new Date('2026-06-15T12:00:00Z');
const options = { now, prehireLeadDays: 7 };
const catalog: TPolicyCatalog = {
  entitlements: new Map([
    ['e-fin', { id: 'e-fin', applicationId: 'dir', singleValued: false }],
    ['e-pay', { id: 'e-pay', applicationId: 'dir', singleValued: false }],
    ['p-std', { id: 'p-std', applicationId: 'sf', singleValued: true }],
    ['p-adm', { id: 'p-adm', applicationId: 'sf', singleValued: true }],
  ]),
  roleEntitlements: new Map([['r-fin', ['e-fin', 'e-pay']]]),
};
const active = { id: 'i1', status: 'ACTIVE' as const, startDate: null, endDate: null };
const grant = (g: Partial<TGrantFacts> & { id: string }): TGrantFacts => ({
  entitlementId: null,
  roleId: null,
  source: 'REQUEST',
  startsAt: new Date('2026-01-01'),
  endsAt: null,
  ...g,
});

describe('accountPosture', () => {
  it.each([
    ['active', active, 'ENABLED'],
    ['terminated', { ...active, status: 'TERMINATED' as const }, 'NONE'],
    ['suspended', { ...active, status: 'SUSPENDED' as const }, 'DISABLED'],
    [
      'pre-hire inside the lead window',
      { ...active, status: 'PREHIRE' as const, startDate: new Date('2026-06-20') },
      'DISABLED',
    ],
    [
      'pre-hire before the lead window',
      { ...active, status: 'PREHIRE' as const, startDate: new Date('2026-07-20') },
      'NONE',
    ],
    ['pre-hire without a start date', { ...active, status: 'PREHIRE' as const }, 'NONE'],
    ['active whose end date has passed', { ...active, endDate: new Date('2026-06-01') }, 'NONE'],
    ['active whose end date is today', { ...active, endDate: new Date('2026-06-15') }, 'ENABLED'],
  ])('%s', (_name, identity, expected) => {
    expect(accountPosture(identity, options)).toBe(expected);
  });
});

describe('computeDesiredAccess', () => {
  it('collects direct grants per application with their reasons', () => {
    const desired = computeDesiredAccess(
      active,
      [grant({ id: 'g1', entitlementId: 'e-fin' })],
      catalog,
      options,
    );
    expect([...desired.keys()]).toEqual(['dir']);
    expect(desired.get('dir')?.enabled).toBe(true);
    expect(desired.get('dir')?.entitlements.get('e-fin')).toEqual([
      { grantId: 'g1', source: 'REQUEST', viaRoleId: null },
    ]);
  });

  it('expands roles into their entitlements and keeps every source', () => {
    const desired = computeDesiredAccess(
      active,
      [
        grant({ id: 'g1', roleId: 'r-fin', source: 'BIRTHRIGHT' }),
        grant({ id: 'g2', entitlementId: 'e-fin' }),
      ],
      catalog,
      options,
    );
    expect(
      desired
        .get('dir')
        ?.entitlements.get('e-fin')
        ?.map((r) => r.grantId)
        .sort(),
    ).toEqual(['g1', 'g2']);
    expect(desired.get('dir')?.entitlements.get('e-pay')).toEqual([
      { grantId: 'g1', source: 'BIRTHRIGHT', viaRoleId: 'r-fin' },
    ]);
  });

  it('ignores grants that have not started or have ended', () => {
    const desired = computeDesiredAccess(
      active,
      [
        grant({ id: 'future', entitlementId: 'e-fin', startsAt: new Date('2026-07-01') }),
        grant({ id: 'ended', entitlementId: 'e-pay', endsAt: new Date('2026-06-15T11:59:59Z') }),
      ],
      catalog,
      options,
    );
    expect(desired.size).toBe(0);
  });

  it('gives a leaver nothing, whatever grants remain', () => {
    const desired = computeDesiredAccess(
      { ...active, status: 'TERMINATED' },
      [grant({ id: 'g1', entitlementId: 'e-fin' })],
      catalog,
      options,
    );
    expect(desired.size).toBe(0);
  });

  it('keeps a pre-hire account disabled with its access', () => {
    const desired = computeDesiredAccess(
      { ...active, status: 'PREHIRE', startDate: new Date('2026-06-18') },
      [grant({ id: 'g1', entitlementId: 'e-fin', source: 'BIRTHRIGHT' })],
      catalog,
      options,
    );
    expect(desired.get('dir')).toMatchObject({ enabled: false });
    expect(desired.get('dir')?.entitlements.has('e-fin')).toBe(true);
  });

  it('keeps only the most recently granted single-valued entitlement', () => {
    const desired = computeDesiredAccess(
      active,
      [
        grant({ id: 'old', entitlementId: 'p-std', startsAt: new Date('2026-01-01') }),
        grant({ id: 'new', entitlementId: 'p-adm', startsAt: new Date('2026-03-01') }),
      ],
      catalog,
      options,
    );
    expect([...(desired.get('sf')?.entitlements.keys() ?? [])]).toEqual(['p-adm']);
  });

  it('drops grants for entitlements it does not know', () => {
    const desired = computeDesiredAccess(
      active,
      [grant({ id: 'g', entitlementId: 'gone' })],
      catalog,
      options,
    );
    expect(desired.size).toBe(0);
  });
});
