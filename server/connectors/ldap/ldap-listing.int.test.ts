import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { TAccountResult, TPage, TTargetAccount, TTargetGrant } from '../sdk/connector.ts';
import { ConnectorError } from '../sdk/connector-error.ts';
import { addGroup, connectorFor, subtree, type TLdapFixture } from '@/server/testing/ldap-fixtures.ts';

/** Each test lists a subtree of its own, so counts are exact. */
let parent: string;
let admin: TLdapFixture['admin'];
beforeAll(async () => {
  const ldap = inject('ldap');
  admin = { url: ldap.url, bindDn: ldap.rootDn, bindPassword: ldap.rootPassword };
  parent = ldap.suffix;
});
let n = 0;
const fresh = () => subtree(admin, parent, `listing-${process.pid}-${++n}-${Date.now()}`);

/** Reads every page, each through a connector of its own: a cursor must not depend on a connection. */
async function readAll<T>(
  list: (cursor: string | null) => Promise<TPage<T>>,
  pageSize: number,
  between?: (page: number) => Promise<void>,
) {
  const items: T[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = await list(cursor);
    expect(page.items.length).toBeLessThanOrEqual(pageSize);
    items.push(...page.items);
    cursor = page.nextCursor;
    pages++;
    await between?.(pages);
  } while (cursor && pages < 1000);
  return { items, pages };
}

const onFreshConnector = async <T>(
  f: TLdapFixture,
  run: (c: ReturnType<typeof connectorFor>) => Promise<T>,
) => {
  const connector = connectorFor(f, { pageSize: 10 });
  try {
    return await run(connector);
  } finally {
    await connector.close();
  }
};

describe('listing with opaque cursors', () => {
  it('lists many accounts exactly once across connections, with their state and without passwords', async () => {
    const f = await fresh();
    const setup = connectorFor(f);
    const names = Array.from({ length: 75 }, (_, i) => `list-${String(i).padStart(3, '0')}`);
    for (const [i, username] of names.entries()) {
      await setup.createAccount({
        username,
        attributes: { mail: `${username}@x.test` },
        enabled: i % 10 !== 0,
        password: 'secret',
      });
    }
    await setup.close();
    const { items, pages } = await readAll(
      (cursor) => onFreshConnector(f, (c) => c.listAccounts(cursor, 7)),
      7,
    );
    expect(pages).toBe(11);
    expect(items.map((a) => a.username).sort()).toEqual(names);
    expect(new Set(items.map((a) => a.nativeId)).size).toBe(75);
    expect(
      items
        .filter((a) => !a.enabled)
        .map((a) => a.username)
        .sort(),
    ).toEqual(names.filter((_, i) => i % 10 === 0));
    const one = items.find((a) => a.username === 'list-001')!;
    expect(one.nativeId).toBe(`uid=list-001,ou=people,${f.baseDn}`);
    expect(one.attributes).toMatchObject({ mail: 'list-001@x.test', uid: 'list-001' });
    expect(Object.keys(one.attributes).map((k) => k.toLowerCase())).not.toContain('userpassword');
  });

  it('neither skips nor repeats an account that moves to the disabled OU during the listing', async () => {
    const f = await fresh();
    const connector = connectorFor(f, { disable: { method: 'moveToOu', ou: 'ou=disabled' } });
    const created: TAccountResult[] = [];
    for (let i = 0; i < 12; i++)
      created.push(await connector.createAccount({ username: `mv-${i}`, attributes: {}, enabled: true }));
    const { items } = await readAll(
      (cursor) => connector.listAccounts(cursor, 3),
      3,
      async (page) => {
        // Everyone is moved after the first page: the listing continues by entryUUID, not by DN.
        if (page === 1)
          for (const [i, a] of created.entries())
            await connector.disableAccount({ nativeId: a.nativeId, username: `mv-${i}` });
      },
    );
    expect(items.map((a) => a.username).sort()).toEqual(created.map((_, i) => `mv-${i}`).sort());
    expect(items.slice(3).every((a) => !a.enabled && a.nativeId.includes(',ou=disabled,'))).toBe(true);
    await connector.close();
  });

  it('lists groups of every kind as GROUP entitlements with their description', async () => {
    const f = await fresh();
    const made = [
      await addGroup(f, 'groupOfNames', 'Finance, Reporting (EMEA)', 'Finance reports'),
      await addGroup(f, 'groupOfUniqueNames', 'Unique', 'Unique members'),
      await addGroup(f, 'posixGroup', 'developers', 'Shell access'),
    ];
    const { items } = await readAll((cursor) => onFreshConnector(f, (c) => c.listEntitlements(cursor, 2)), 2);
    expect(items.map((e) => e.externalId).sort()).toEqual(made.map((g) => g.externalId).sort());
    expect(items.find((e) => e.name === 'Finance, Reporting (EMEA)')).toEqual({
      externalId: `cn=Finance\\, Reporting (EMEA),ou=groups,${f.baseDn}`,
      name: 'Finance, Reporting (EMEA)',
      description: 'Finance reports',
      kind: 'GROUP',
      modifiedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });
  });

  it('lists every membership once, continuing inside a group larger than a page', async () => {
    const f = await fresh();
    const connector = connectorFor(f);
    const groups = {
      big: await addGroup(f, 'groupOfNames', 'big'),
      unique: await addGroup(f, 'groupOfUniqueNames', 'unique'),
      posix: await addGroup(f, 'posixGroup', 'posix'),
      empty: await addGroup(f, 'groupOfNames', 'empty'),
    };
    const people: TAccountResult[] = [];
    for (let i = 0; i < 7; i++)
      people.push(await connector.createAccount({ username: `g-${i}`, attributes: {}, enabled: true }));
    const expected: string[] = [];
    const give = async (i: number, group: keyof typeof groups) => {
      await connector.grant({ nativeId: people[i]!.nativeId, username: `g-${i}` }, groups[group]);
      expected.push(`${people[i]!.nativeId} -> ${groups[group].externalId}`);
    };
    for (let i = 0; i < 7; i++) await give(i, 'big');
    for (const i of [1, 3]) await give(i, 'unique');
    for (const i of [2, 4, 6]) await give(i, 'posix');
    await connector.close();
    const { items, pages } = await readAll(
      (cursor) => onFreshConnector(f, (c) => c.listGrants(cursor, 3)),
      3,
    );
    const seen = items.map((g) => `${g.accountNativeId} -> ${g.entitlementExternalId}`);
    expect(seen.sort()).toEqual(expected.sort());
    expect(pages).toBeGreaterThanOrEqual(4);
  });

  it('refuses a cursor it did not issue, permanently', async () => {
    const f = await fresh();
    await onFreshConnector(f, async (c) => {
      await c.createAccount({ username: 'one', attributes: {}, enabled: true });
      await c.createAccount({ username: 'two', attributes: {}, enabled: true });
      const accountsCursor = (await c.listAccounts(null, 1)).nextCursor!;
      for (const bad of ['not-a-cursor', Buffer.from('{"after":"*)(uid=*"}').toString('base64url')]) {
        const error = await c.listAccounts(bad, 1).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ConnectorError);
        expect((error as ConnectorError).isRetryable).toBe(false);
      }
      await expect(c.listGrants(accountsCursor, 1)).rejects.toMatchObject({ kind: 'invalidConfig' });
    });
  });

  it('narrows listings to what changed since an instant, and to given accounts (by entryUUID or DN)', async () => {
    const f = await fresh();
    const connector = connectorFor(f, { pageSize: 10 });
    const group = await addGroup(f, 'groupOfNames', 'narrowed');
    const other = await addGroup(f, 'groupOfNames', 'untouched');
    const made: TAccountResult[] = [];
    for (const username of ['n-1', 'n-2', 'n-3'])
      made.push(await connector.createAccount!({ username, attributes: {}, enabled: true }));
    await connector.grant!({ nativeId: made[0]!.nativeId, username: 'n-1' }, other);
    // modifyTimestamp has whole seconds: what changes next is in a later second than the setup.
    await new Promise((resolve) => setTimeout(resolve, 1100 - (Date.now() % 1000)));
    const since = new Date(Math.floor(Date.now() / 1000) * 1000);
    await connector.updateAccount!({ nativeId: made[1]!.nativeId, username: 'n-2' }, { title: 'Changed' });
    await connector.grant!({ nativeId: made[2]!.nativeId, username: 'n-3' }, group);

    const changedAccounts = await readAll(
      (cursor) => connector.listAccounts(cursor, 2, { changedSince: since }),
      2,
    );
    expect(changedAccounts.items.map((a) => a.username)).toEqual(['n-2']);
    const changedGroups = await readAll(
      (cursor) => connector.listEntitlements(cursor, 2, { changedSince: since }),
      2,
    );
    expect(changedGroups.items.map((g) => g.name)).toEqual(['narrowed']);
    const changedGrants = await readAll(
      (cursor) => connector.listGrants(cursor, 2, { changedSince: since }),
      2,
    );
    expect(changedGrants.items).toEqual([
      { accountNativeId: made[2]!.nativeId, entitlementExternalId: group.externalId },
    ]);

    const all = (await readAll((cursor) => connector.listAccounts(cursor, 10), 10)).items;
    const first = all.find((a) => a.username === 'n-1')!;
    const byIds = await readAll(
      (cursor) => connector.listAccounts(cursor, 2, { accounts: [first.stableId, made[2]!.nativeId] }),
      2,
    );
    expect(byIds.items.map((a) => a.username).sort()).toEqual(['n-1', 'n-3']);
    const theirGrants = await readAll(
      (cursor) => connector.listGrants(cursor, 2, { accounts: [made[0]!.nativeId] }),
      2,
    );
    expect(theirGrants.items).toEqual([
      { accountNativeId: made[0]!.nativeId, entitlementExternalId: other.externalId },
    ]);
    await connector.close();
  });

  it('streams what the keyset listing lists (every account and membership, the same narrowing) over one paged search', async () => {
    const f = await fresh();
    const connector = connectorFor(f, { pageSize: 10 });
    const groups = [
      await addGroup(f, 'groupOfNames', 's-names'),
      await addGroup(f, 'groupOfUniqueNames', 's-unique'),
      await addGroup(f, 'posixGroup', 's-posix'),
    ];
    const made: TAccountResult[] = [];
    for (let i = 0; i < 25; i++)
      made.push(
        await connector.createAccount({
          username: `s-${i}`,
          attributes: { title: `T${i}` },
          enabled: i % 5 !== 0,
        }),
      );
    for (let i = 0; i < 25; i++)
      await connector.grant({ nativeId: made[i]!.nativeId, username: `s-${i}` }, groups[i % 3]!);
    const streamed = async <T>(read: (each: (batch: T[]) => Promise<void>) => Promise<void>) => {
      const items: T[] = [];
      await read(async (batch) => {
        items.push(...batch);
      });
      return items;
    };
    const key = (a: { stableId: string }) => a.stableId;
    const listed = (await readAll((cursor) => connector.listAccounts(cursor, 7), 7)).items.sort((a, b) =>
      key(a).localeCompare(key(b)),
    );
    expect(
      (await streamed<TTargetAccount>((each) => connector.streamAccounts({}, each))).sort((a, b) =>
        key(a).localeCompare(key(b)),
      ),
    ).toEqual(listed);
    expect(listed).toHaveLength(25);
    const grant = (g: TTargetGrant) => `${g.accountNativeId} -> ${g.entitlementExternalId}`;
    const listedGrants = (await readAll((cursor) => connector.listGrants(cursor, 7), 7)).items
      .map(grant)
      .sort();
    expect(
      (await streamed<TTargetGrant>((each) => connector.streamGrants({}, each))).map(grant).sort(),
    ).toEqual(listedGrants);
    expect(listedGrants).toHaveLength(25);
    const byIds = await streamed<TTargetAccount>((each) =>
      connector.streamAccounts({ accounts: [made[3]!.nativeId, listed[0]!.stableId] }, each),
    );
    expect(byIds.map(key).sort()).toEqual(
      [listed[0]!.stableId, listed.find((a) => a.nativeId === made[3]!.nativeId)!.stableId].sort(),
    );
    const theirGrants = await streamed<TTargetGrant>((each) =>
      connector.streamGrants({ accounts: [made[4]!.nativeId] }, each),
    );
    expect(theirGrants).toEqual([
      { accountNativeId: made[4]!.nativeId, entitlementExternalId: groups[1]!.externalId },
    ]);
    await connector.close();
  });

  it('reads only the attributes asked for, and leaves out one an entry does not hold', async () => {
    const f = await fresh();
    const connector = connectorFor(f);
    const made = await connector.createAccount({
      username: 'narrow-1',
      attributes: { cn: 'Narrow One', sn: 'One', mail: 'narrow-1@x.test', title: 'Clerk' },
      enabled: true,
    });
    const attributes = ['mail', 'TITLE', 'l'];
    const streamed: TTargetAccount[] = [];
    await connector.streamAccounts({ attributes }, async (batch) => {
      streamed.push(...batch);
    });
    const listed = (await connector.listAccounts(null, 10, { attributes })).items;
    for (const accounts of [streamed, listed]) {
      expect(accounts).toHaveLength(1);
      expect(accounts[0]).toMatchObject({ nativeId: made.nativeId, username: 'narrow-1', enabled: true });
      // uid too: the connector asks for the username attribute itself.
      expect(accounts[0]!.attributes).toEqual({ mail: 'narrow-1@x.test', title: 'Clerk', uid: 'narrow-1' });
    }
    const whole = (await connector.listAccounts(null, 10)).items[0]!;
    expect(whole.attributes).toMatchObject({ cn: 'Narrow One', sn: 'One', uid: 'narrow-1' });
    expect(Object.keys(whole.attributes)).not.toContain('*');
    await connector.close();
  });
});
