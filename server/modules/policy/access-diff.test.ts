import { describe, expect, it } from 'vitest';
import type { MembershipStatus } from '@/prisma/generated/enums.ts';
import { diffAccess as diffAll, type TApplicationPolicy, type TPlannedAccount } from './access-diff.ts';
import type { TDesiredAccess } from './desired-access.ts';

const apps = new Map<string, TApplicationPolicy>([
  ['dir', { id: 'dir', onDelete: 'DISABLE', onDeleteAttributes: {} }],
  ['crm', { id: 'crm', onDelete: 'DELETE', onDeleteAttributes: {} }],
  ['hr', { id: 'hr', onDelete: 'UPDATE', onDeleteAttributes: { status: 'left' } }],
]);
const want = (appId: string, ents: string[], enabled = true): TDesiredAccess =>
  new Map([[appId, { applicationId: appId, enabled, entitlements: new Map(ents.map((e) => [e, []])) }]]);
const account = (
  appId: string,
  memberships: Record<string, MembershipStatus>,
  extra: Partial<TPlannedAccount> = {},
): TPlannedAccount => ({
  id: `acc-${appId}`,
  applicationId: appId,
  status: 'ACTIVE',
  attributes: {},
  memberships: new Map(Object.entries(memberships)),
  ...extra,
});

/** Planning's view of the one diff: no target read, only the operations. */
const diffAccess = (...args: Parameters<typeof diffAll>) => {
  const { changes, drifts } = diffAll(...args);
  expect(drifts).toEqual([]);
  return changes;
};

describe('diffAccess', () => {
  it('creates the account before granting on a new application', () => {
    expect(
      diffAccess(want('dir', ['g2', 'g1']), [], apps).map(
        (c) => c.kind + ':' + ('entitlementId' in c ? c.entitlementId : ''),
      ),
    ).toEqual(['CREATE_ACCOUNT:', 'ADD_ENTITLEMENT:g1', 'ADD_ENTITLEMENT:g2']);
  });

  it('changes nothing when the plan already matches', () => {
    expect(diffAccess(want('dir', ['g1']), [account('dir', { g1: 'ACTIVE' })], apps)).toEqual([]);
    expect(diffAccess(want('dir', ['g1']), [account('dir', { g1: 'ADDING' })], apps)).toEqual([]);
  });

  it('adds what is missing and removes what is no longer wanted', () => {
    const changes = diffAccess(
      want('dir', ['g1', 'g3']),
      [account('dir', { g1: 'ACTIVE', g2: 'ACTIVE' })],
      apps,
    );
    expect(changes).toEqual([
      { kind: 'ADD_ENTITLEMENT', applicationId: 'dir', accountId: 'acc-dir', entitlementId: 'g3' },
      { kind: 'REMOVE_ENTITLEMENT', applicationId: 'dir', accountId: 'acc-dir', entitlementId: 'g2' },
    ]);
  });

  it('re-adds an entitlement whose removal is still in flight', () => {
    const changes = diffAccess(want('dir', ['g1']), [account('dir', { g1: 'REMOVING' })], apps);
    expect(changes).toEqual([
      { kind: 'ADD_ENTITLEMENT', applicationId: 'dir', accountId: 'acc-dir', entitlementId: 'g1' },
    ]);
  });

  it('does not remove twice', () => {
    expect(diffAccess(new Map(), [account('dir', { g1: 'REMOVING' }, { status: 'DISABLED' })], apps)).toEqual(
      [],
    );
  });

  it.each([
    ['dir', 'DISABLE_ACCOUNT'],
    ['crm', 'DELETE_ACCOUNT'],
    ['hr', 'UPDATE_ACCOUNT'],
  ])('applies ON_DELETE of %s after removing every grant', (appId, lastKind) => {
    const changes = diffAccess(new Map(), [account(appId, { g1: 'ACTIVE', g2: 'ADDING' })], apps);
    expect(changes.map((c) => c.kind)).toEqual(['REMOVE_ENTITLEMENT', 'REMOVE_ENTITLEMENT', lastKind]);
    const last = changes.at(-1)!;
    if (last.kind === 'UPDATE_ACCOUNT')
      expect(last).toMatchObject({ deprovision: true, attributes: { status: 'left' } });
    if (last.kind === 'DISABLE_ACCOUNT') expect(last.deprovision).toBe(true);
  });

  it('re-enables a disabled account when access is wanted again', () => {
    const changes = diffAccess(want('dir', ['g1']), [account('dir', {}, { status: 'DISABLED' })], apps);
    expect(changes.map((c) => c.kind)).toEqual(['ENABLE_ACCOUNT', 'ADD_ENTITLEMENT']);
  });

  it('recreates a deleted account (rehire)', () => {
    const changes = diffAccess(want('crm', ['g1']), [account('crm', {}, { status: 'DELETED' })], apps);
    expect(changes.map((c) => c.kind)).toEqual(['CREATE_ACCOUNT', 'ADD_ENTITLEMENT']);
    expect(changes[1]).toMatchObject({ accountId: null });
  });

  it('disables without deprovisioning when the person is suspended or a pre-hire', () => {
    const changes = diffAccess(want('dir', ['g1'], false), [account('dir', { g1: 'ACTIVE' })], apps);
    expect(changes).toEqual([
      { kind: 'DISABLE_ACCOUNT', applicationId: 'dir', accountId: 'acc-dir', deprovision: false },
    ]);
  });

  it('updates only the attributes that changed', () => {
    const changes = diffAccess(
      want('dir', []),
      [account('dir', {}, { attributes: { title: 'Analyst', cn: 'Alice' } })],
      apps,
      new Map([['dir', { title: 'Senior Analyst', cn: 'Alice' }]]),
    );
    expect(changes).toEqual([
      {
        kind: 'UPDATE_ACCOUNT',
        applicationId: 'dir',
        accountId: 'acc-dir',
        attributes: { title: 'Senior Analyst' },
        deprovision: false,
      },
    ]);
  });
});
