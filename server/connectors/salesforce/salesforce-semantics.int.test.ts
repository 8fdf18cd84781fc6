import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TEntitlementRef } from '../sdk/connector.ts';
import type { ConnectorError } from '../sdk/connector-error.ts';
import { sameId } from './salesforce-soql.ts';
import {
  newUsername,
  startSalesforceKit,
  userAttributes,
  type TSalesforceKit,
} from '@/server/testing/salesforce-emulator/salesforce-testing.ts';

const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as ConnectorError,
  );

describe('Salesforce users, profiles and permission sets (emulated org)', () => {
  let kit: TSalesforceKit;
  let profiles: TSalesforceKit['emulator']['seeded']['profiles'];
  let sets: TSalesforceKit['emulator']['seeded']['permissionSets'];
  const profile = (id: string): TEntitlementRef => ({ externalId: `Profile:${id}`, kind: 'PROFILE' });
  const permissionSet = (id: string): TEntitlementRef => ({
    externalId: `PermissionSet:${id}`,
    kind: 'PERMISSION_SET',
  });
  const profileOf = (id: string) => String(kit.emulator.org.find('User', id)!.ProfileId);
  const create = async (extra: Record<string, string | null> = {}) => {
    const username = newUsername();
    const { nativeId } = await kit.connector.createAccount({
      username,
      attributes: userAttributes(username, extra),
      enabled: true,
    });
    return { nativeId, username };
  };

  beforeAll(async () => {
    kit = await startSalesforceKit();
    ({ profiles, permissionSets: sets } = kit.emulator.seeded);
  });
  afterAll(() => kit.close());

  it('creates users with the default profile and the locale fields the mapping gives', async () => {
    const { nativeId } = await create();
    const user = kit.emulator.org.find('User', nativeId)!;
    expect(sameId(String(user.ProfileId), profiles.standardUser)).toBe(true);
    expect(user).toMatchObject({
      TimeZoneSidKey: 'Europe/Berlin',
      LocaleSidKey: 'de_DE',
      EmailEncodingKey: 'UTF-8',
      LanguageLocaleKey: 'en_US',
      IsActive: true,
    });
  });

  it('treats Profile as single-valued: granting replaces, revoking returns to the default profile', async () => {
    const ref = await create();
    expect(await kit.connector.grant(ref, profile(profiles.readOnly))).toEqual({ outcome: 'applied' });
    expect(sameId(profileOf(ref.nativeId), profiles.readOnly)).toBe(true);
    expect(await kit.connector.grant(ref, profile(profiles.readOnly))).toEqual({ outcome: 'noop' });

    expect(await kit.connector.grant(ref, profile(profiles.systemAdministrator))).toEqual({
      outcome: 'applied',
    });
    expect(sameId(profileOf(ref.nativeId), profiles.systemAdministrator)).toBe(true);
    // The replaced profile is no longer held, so revoking it changes nothing.
    expect(await kit.connector.revoke(ref, profile(profiles.readOnly))).toEqual({ outcome: 'noop' });

    expect(await kit.connector.revoke(ref, profile(profiles.systemAdministrator))).toEqual({
      outcome: 'applied',
    });
    expect(sameId(profileOf(ref.nativeId), profiles.standardUser)).toBe(true);
    expect(await kit.connector.revoke(ref, profile(profiles.standardUser))).toEqual({ outcome: 'noop' });

    const grants = await collect((c) => kit.connector.listGrants(c, 50));
    const mine = grants.filter(
      (g) => g.accountNativeId === ref.nativeId && g.entitlementExternalId.startsWith('Profile:'),
    );
    expect(mine).toEqual([
      { accountNativeId: ref.nativeId, entitlementExternalId: `Profile:${profiles.standardUser}` },
    ]);
  });

  it('treats an existing permission set assignment as a noop (DUPLICATE_VALUE), and a missing one on revoke', async () => {
    const ref = await create();
    kit.emulator.org.insert('PermissionSetAssignment', {
      AssigneeId: ref.nativeId,
      PermissionSetId: sets.reportsAdmin,
    });
    expect(await kit.connector.grant(ref, permissionSet(sets.reportsAdmin))).toEqual({ outcome: 'noop' });
    expect(
      kit.emulator.requests.some(
        (r) => r.path.endsWith('/sobjects/PermissionSetAssignment') && r.status === 400,
      ),
    ).toBe(true);
    expect(await kit.connector.revoke(ref, permissionSet(sets.salesOps))).toEqual({ outcome: 'noop' });
  });

  it('refuses a permission set whose licence does not match the profile, permanently', async () => {
    const ref = await create();
    const error = await failure(kit.connector.grant(ref, permissionSet(sets.platformExtras)));
    expect(error).toMatchObject({ kind: 'invalidAttribute', isRetryable: false });
    expect(error!.message).toContain('FIELD_INTEGRITY_EXCEPTION');
  });

  it('reports refused values with the field and Salesforce message', async () => {
    const username = newUsername();
    const missing = await failure(
      kit.connector.createAccount({
        username,
        attributes: userAttributes(username, { LastName: null }),
        enabled: true,
      }),
    );
    expect(missing).toMatchObject({ kind: 'invalidAttribute' });
    expect(missing!.message).toContain('REQUIRED_FIELD_MISSING: Required fields are missing: [LastName]');
    const unknown = await failure(
      kit.connector.createAccount({
        username,
        attributes: userAttributes(username, { ProfileId: '00e000000000000AAA' }),
        enabled: true,
      }),
    );
    expect(unknown!.message).toContain('INVALID_CROSS_REFERENCE_KEY');
    expect(unknown).toMatchObject({ kind: 'invalidAttribute' });
  });

  it('cannot delete users: no capability, no method, and the org refuses DELETE', async () => {
    const ref = await create();
    expect(kit.connector.capabilities.has('account.delete')).toBe(false);
    expect((kit.connector as { deleteAccount?: unknown }).deleteAccount).toBeUndefined();
    expect(() => kit.emulator.org.remove('User', ref.nativeId)).toThrow(/METHOD_NOT_ALLOWED/);
  });

  it('reports a username held by another org as a conflict, not a noop', async () => {
    const username = newUsername('taken');
    kit.emulator.org.foreignUsernames.add(username.toLowerCase());
    const error = await failure(
      kit.connector.createAccount({ username, attributes: userAttributes(username), enabled: true }),
    );
    expect(error).toMatchObject({ kind: 'conflict', isRetryable: false });
    expect(error!.message).toContain('another Salesforce org');
  });

  it('finishes a disabled create on retry: the user that already exists is disabled, in either mode', async () => {
    const { nativeId, username } = await create();
    const again = await kit.connector.createAccount({
      username,
      attributes: userAttributes(username),
      enabled: false,
    });
    expect(again).toEqual({ outcome: 'applied', nativeId });
    expect(kit.emulator.org.find('User', nativeId)!.IsActive).toBe(false);
    expect(
      await kit.connector.createAccount({ username, attributes: userAttributes(username), enabled: false }),
    ).toEqual({ outcome: 'noop', nativeId });

    const freezing = kit.connect({ disableMeans: 'freeze' });
    const frozenName = newUsername();
    const first = await freezing.createAccount({
      username: frozenName,
      attributes: userAttributes(frozenName),
      enabled: true,
    });
    const [bulk] = await freezing.createAccounts([
      { username: frozenName, attributes: userAttributes(frozenName), enabled: false },
    ]);
    expect(bulk).toEqual({ outcome: 'applied', nativeId: first.nativeId });
    const login = kit.emulator.org.all('UserLogin').find((l) => l.UserId === first.nativeId)!;
    expect(login.IsFrozen).toBe(true);
  });

  it('finds the user by username when Gatehouse has no native id yet', async () => {
    const ref = await create();
    expect(
      await kit.connector.updateAccount({ nativeId: null, username: ref.username }, { Department: 'Sales' }),
    ).toEqual({ outcome: 'applied', nativeId: ref.nativeId });
    expect(
      await failure(kit.connector.disableAccount({ nativeId: null, username: 'nobody@nowhere.example' })),
    ).toMatchObject({ kind: 'notFound' });
  });

  it('lists users across several pages with opaque keyset cursors, each once', async () => {
    const mine = await Promise.all(Array.from({ length: 7 }, () => create()));
    const cursors: string[] = [];
    const items = await collect(async (c) => {
      const page = await kit.connector.listAccounts(c, 3);
      expect(page.items.length).toBeLessThanOrEqual(3);
      if (page.nextCursor) cursors.push(page.nextCursor);
      return page;
    });
    expect(cursors.length).toBeGreaterThanOrEqual(3);
    expect(cursors.every((c) => /^[A-Za-z0-9_-]+$/.test(c))).toBe(true);
    const ids = items.map((i) => i.nativeId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const m of mine) expect(ids).toContain(m.nativeId);
    const one = items.find((i) => i.nativeId === mine[0]!.nativeId)!;
    expect(one).toMatchObject({
      username: mine[0]!.username,
      enabled: true,
      attributes: { Title: 'Engineer', TimeZoneSidKey: 'Europe/Berlin' },
    });
  });

  it('lists profiles, then assignable permission sets only', async () => {
    const items = await collect((c) => kit.connector.listEntitlements(c, 2));
    expect(items.filter((i) => i.kind === 'PROFILE').map((i) => i.name)).toEqual([
      'System Administrator',
      'Standard User',
      'Read Only',
      'Standard Platform User',
    ]);
    expect(items.filter((i) => i.kind === 'PERMISSION_SET')).toEqual([
      {
        externalId: `PermissionSet:${sets.salesOps}`,
        name: 'Sales Operations',
        description: 'Manage opportunities and forecasts',
        kind: 'PERMISSION_SET',
      },
      {
        externalId: `PermissionSet:${sets.reportsAdmin}`,
        name: 'Reports Administrator',
        description: 'Create and share reports',
        kind: 'PERMISSION_SET',
      },
      {
        externalId: `PermissionSet:${sets.platformExtras}`,
        name: 'Platform Extras',
        description: 'Needs the Salesforce Platform licence',
        kind: 'PERMISSION_SET',
      },
    ]);
  });
});

async function collect<T>(
  page: (cursor: string | null) => Promise<{ items: T[]; nextCursor: string | null }>,
): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | null = null;
  for (let n = 0; n < 1000; n++) {
    const p = await page(cursor);
    all.push(...p.items);
    cursor = p.nextCursor;
    if (!cursor) break;
  }
  return all;
}
