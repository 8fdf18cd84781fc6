import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TConnector, TCreateAccountInput, TPage } from '../sdk/connector.ts';
import { ConnectorError } from '../sdk/connector-error.ts';
import { MAX_URI_BYTES } from '@/server/testing/salesforce-emulator/salesforce-emulator.ts';
import {
  newUsername,
  startSalesforceKit,
  userAttributes,
  type TSalesforceKit,
} from '@/server/testing/salesforce-emulator/salesforce-testing.ts';

/*
 * Reading Salesforce back as it really behaves (issue 11), against the emulated org over HTTP:
 * permission set groups as entitlements of their own, paging that cannot loop, a Bulk API job that
 * fails as a whole, the URI limit, and incremental reads by SystemModstamp.
 */
const input = (username: string, extra: Record<string, string | null> = {}): TCreateAccountInput => ({
  username,
  attributes: userAttributes(username, extra),
  enabled: true,
});

async function readAll<T>(list: (cursor: string | null) => Promise<TPage<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const page: TPage<T> = await list(cursor);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

const failure = async (work: Promise<unknown>) => {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConnectorError);
  return error as ConnectorError;
};

describe('Salesforce reads (emulated org)', () => {
  let kit: TSalesforceKit;
  let connector: Required<
    Pick<TConnector, 'listAccounts' | 'listEntitlements' | 'listGrants' | 'grant' | 'revoke'>
  > &
    TSalesforceKit['connector'];
  beforeAll(async () => {
    kit = await startSalesforceKit();
    connector = kit.connector as typeof connector;
  });
  afterAll(() => kit.close());

  it('lists permission set groups as entitlements and reports, grants and revokes group assignments as the group', async () => {
    const groupId = kit.emulator.seeded.permissionSetGroups.salesLeadership;
    const group = `PermissionSetGroup:${groupId}`;
    const entitlements = await readAll((c) => connector.listEntitlements(c, 2));
    expect(entitlements).toContainEqual({
      externalId: group,
      name: 'Sales Leadership',
      description: 'Sales Operations and Reports Administrator together',
      kind: 'PERMISSION_SET_GROUP',
    });
    const aggregate = kit.emulator.org.all('PermissionSet').find((p) => p.PermissionSetGroupId === groupId)!;
    expect(entitlements.map((e) => e.externalId)).not.toContain(`PermissionSet:${aggregate.Id}`);

    const { nativeId } = await connector.createAccount(input(newUsername('psg')));
    const account = { nativeId, username: 'psg' };
    expect(await connector.grant(account, { externalId: group, kind: 'PERMISSION_SET_GROUP' })).toEqual({
      outcome: 'applied',
    });
    // A bare Id is read through the kind.
    expect(await connector.grant(account, { externalId: groupId, kind: 'PERMISSION_SET_GROUP' })).toEqual({
      outcome: 'noop',
    });
    await connector.grant(account, {
      externalId: `PermissionSet:${kit.emulator.seeded.permissionSets.salesOps}`,
      kind: 'PERMISSION_SET',
    });
    const row = kit.emulator.org
      .all('PermissionSetAssignment')
      .find((a) => a.AssigneeId === nativeId && a.PermissionSetGroupId);
    expect(row?.PermissionSetGroupId).toBe(groupId);

    const grants = await readAll((c) => connector.listGrants(c, 3));
    const mine = grants.filter((g) => g.accountNativeId === nativeId).map((g) => g.entitlementExternalId);
    expect(mine.sort()).toEqual(
      [
        group,
        `PermissionSet:${kit.emulator.seeded.permissionSets.salesOps}`,
        `Profile:${kit.emulator.seeded.profiles.standardUser}`,
      ].sort(),
    );
    // Every grant names an entitlement the listing lists: nothing reads back as unknown.
    const listed = new Set(entitlements.map((e) => e.externalId));
    expect(grants.filter((g) => !listed.has(g.entitlementExternalId))).toEqual([]);

    expect(await connector.revoke(account, { externalId: group, kind: 'PERMISSION_SET_GROUP' })).toEqual({
      outcome: 'applied',
    });
    expect(await connector.revoke(account, { externalId: group, kind: 'PERMISSION_SET_GROUP' })).toEqual({
      outcome: 'noop',
    });
    const after = (await readAll((c) => connector.listGrants(c, 100))).filter(
      (g) => g.accountNativeId === nativeId,
    );
    expect(after.map((g) => g.entitlementExternalId)).not.toContain(group);
    expect(after).toHaveLength(2);
  });

  it('stops with a permanent error naming the listing when the server ignores the keyset cursor', async () => {
    const { nativeId } = await connector.createAccount(input(newUsername('stall')));
    const account = { nativeId, username: 'stall' };
    await connector.grant(account, {
      externalId: `PermissionSet:${kit.emulator.seeded.permissionSets.reportsAdmin}`,
      kind: 'PERMISSION_SET',
    });
    await connector.grant(account, {
      externalId: `PermissionSet:${kit.emulator.seeded.permissionSets.salesOps}`,
      kind: 'PERMISSION_SET',
    });
    kit.emulator.ignoreKeysetConditions(true);
    try {
      const cases: Array<[string, (c: string | null) => Promise<TPage<unknown>>]> = [
        ['list users', (c) => connector.listAccounts(c, 1)],
        ['list profiles', (c) => connector.listEntitlements(c, 1)],
        ['list permission set assignments', (c) => connector.listGrants(c, 1)],
      ];
      for (const [listing, list] of cases) {
        const error = await failure(readAll(list));
        expect(error.isRetryable).toBe(false);
        expect(error.message).toContain(`${listing}: the page cursor did not move forward`);
      }
    } finally {
      kit.emulator.ignoreKeysetConditions(false);
    }
    expect((await readAll((c) => connector.listAccounts(c, 1))).map((a) => a.stableId)).toContain(nativeId);
  });

  it('reports a Bulk API 2.0 job that ended Failed as a permanent failure of each of its records', async () => {
    const bulk = kit.connect({ bulkThreshold: 1 });
    kit.emulator.failNextBulkJob('InvalidBatch : Field name not found : Favourite_Colour__c');
    const usernames = [newUsername('failed'), newUsername('failed'), newUsername('failed')];
    const results = await bulk.createAccounts(usernames.map((u) => input(u)));
    expect(results).toHaveLength(3);
    for (const r of results) {
      expect(r).toBeInstanceOf(ConnectorError);
      const e = r as ConnectorError;
      expect(e.isRetryable).toBe(false);
      expect(e.kind).toBe('invalidAttribute');
      expect(e.message).toContain(
        'the job failed: InvalidBatch : Field name not found : Favourite_Colour__c',
      );
    }
    const names = new Set(kit.emulator.org.all('User').map((u) => String(u.Username).toLowerCase()));
    expect(usernames.filter((u) => names.has(u.toLowerCase()))).toEqual([]);
    // The next job runs normally.
    const ok = await bulk.createAccounts([input(newUsername('after'))]);
    expect(ok[0]).toMatchObject({ outcome: 'applied' });
  });

  it('answers a URI over 16,384 bytes with a permanent error, and splits the duplicate-username lookup to stay under it', async () => {
    const tooLong = `SELECT Id FROM User WHERE Username IN (${Array.from({ length: 800 }, (_, i) => `'someone.${i}@example.com'`).join(', ')})`;
    const mark = kit.emulator.requests.length;
    const error = await failure(kit.connector.session.query('look up', tooLong));
    expect(error.isRetryable).toBe(false);
    expect(kit.emulator.requests.slice(mark).map((r) => r.status)).toEqual([414]);

    // 200 usernames of three-byte characters (nine bytes each once percent-encoded) and quotes,
    // already in the org: creating them again finds each one's Id through the lookup.
    const taken = Array.from(
      { length: 200 },
      (_, i) => `${'€'.repeat(50)}'${i}.${process.pid}@hostile.example`,
    );
    const ids = new Map<string, string>();
    for (const username of taken) {
      const user = kit.emulator.org.insert('User', {
        ...userAttributes(username),
        Alias: 'hostile',
        ProfileId: kit.emulator.seeded.profiles.standardUser,
      });
      ids.set(username, user.Id);
    }
    const start = kit.emulator.requests.length;
    const results = await kit.connector.createAccounts(taken.map((u) => input(u, { Alias: 'hostile' })));
    expect(results.map((r) => ('nativeId' in r ? r : null))).toEqual(
      taken.map((u) => ({ outcome: 'noop', nativeId: ids.get(u) })),
    );
    const sent = kit.emulator.requests.slice(start);
    expect(sent.filter((r) => r.status === 414)).toEqual([]);
    expect(Math.max(...sent.map((r) => r.uriLength))).toBeLessThanOrEqual(MAX_URI_BYTES);
    expect(sent.filter((r) => r.path.endsWith('/query')).length).toBeGreaterThan(1);
  });

  it('reads when a user last signed in (LastLoginDate) as lastUsedAt, never as an attribute; null for one who never has', async () => {
    const signedIn = await connector.createAccount(input(newUsername('login')));
    const never = await connector.createAccount(input(newUsername('nologin')));
    const at = new Date('2026-03-01T08:30:00.000Z');
    kit.emulator.org.signIn(signedIn.nativeId, at);
    const accounts = await readAll((c) => connector.listAccounts(c, 50));
    const read = (id: string) => accounts.find((a) => a.stableId === id)!;
    expect(read(signedIn.nativeId).lastUsedAt).toBe(at.toISOString());
    expect(read(never.nativeId).lastUsedAt).toBeNull();
    expect(Object.keys(read(signedIn.nativeId).attributes)).not.toContain('LastLoginDate');
  });

  it('reads only users and assignments changed since an instant, by SystemModstamp', async () => {
    const old = '2020-01-01T00:00:00.000+0000';
    for (const object of ['User', 'PermissionSetAssignment'] as const)
      for (const r of kit.emulator.org.all(object)) r.SystemModstamp = old;
    const since = new Date();
    const existing = kit.emulator.org.all('User').find((u) => String(u.Username).startsWith('stall.'))!;
    await connector.updateAccount(
      { nativeId: existing.Id, username: 'stall' },
      { Title: 'Changed in the target' },
    );
    const fresh = await connector.createAccount(input(newUsername('fresh')));
    const salesOps = `PermissionSet:${kit.emulator.seeded.permissionSets.salesOps}`;
    const older = kit.emulator.org.all('User').find((u) => String(u.Username).startsWith('psg.'))!;
    await connector.grant(
      { nativeId: older.Id, username: 'psg' },
      {
        externalId: `PermissionSetGroup:${kit.emulator.seeded.permissionSetGroups.salesLeadership}`,
        kind: 'PERMISSION_SET_GROUP',
      },
    );

    const accounts = await readAll((c) => connector.listAccounts(c, 1, { changedSince: since }));
    expect(accounts.map((a) => a.stableId).sort()).toEqual([existing.Id, fresh.nativeId].sort());
    for (const a of accounts)
      expect(Date.parse(a.modifiedAt!)).toBeGreaterThanOrEqual(since.getTime() - 1000);
    expect(accounts.find((a) => a.stableId === existing.Id)?.attributes.Title).toBe('Changed in the target');
    expect(Object.keys(accounts[0]!.attributes)).not.toContain('SystemModstamp');

    const grants = await readAll((c) => connector.listGrants(c, 1, { changedSince: since }));
    expect(grants.map((g) => `${g.accountNativeId} ${g.entitlementExternalId}`).sort()).toEqual(
      [
        `${older.Id} PermissionSetGroup:${kit.emulator.seeded.permissionSetGroups.salesLeadership}`,
        `${existing.Id} Profile:${kit.emulator.seeded.profiles.standardUser}`,
        `${fresh.nativeId} Profile:${kit.emulator.seeded.profiles.standardUser}`,
      ].sort(),
    );
    expect(grants.map((g) => g.entitlementExternalId)).not.toContain(salesOps);
    // A full read still sees everything.
    expect((await readAll((c) => connector.listAccounts(c, 50))).length).toBeGreaterThan(accounts.length);

    const bad = await failure(connector.listAccounts(null, 10, { changedSince: new Date('yesterday') }));
    expect(bad.kind).toBe('invalidAttribute');
  });
});
