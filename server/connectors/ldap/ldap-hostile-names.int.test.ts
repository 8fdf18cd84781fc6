import { beforeAll, describe, expect, it } from 'vitest';
import { withClient } from '@/server/seed/directory-setup.ts';
import { createTestDirectory, type TTestDirectory } from '@/server/testing/test-ldap.ts';
import type { TConnector, TEntitlementRef, TPage } from '../sdk/connector.ts';
import { ConnectorError } from '../sdk/connector-error.ts';
import type { TLdapConfig } from './ldap-config.ts';
import { escapeFilterValue, sameDn } from './ldap-escape.ts';
import { addGroup, connectorFor, exists, membersOf, readValues } from '@/server/testing/ldap-fixtures.ts';

/**
 * Names that break naive DN or filter building. No two of them are equal to the directory (uid
 * matching ignores case and insignificant spaces, so ' x' and 'x' would be one account).
 */
const NAMES = [
  "O'Brien, Jr. (Ops) *",
  'a+b',
  '"quoted"',
  ' leading space',
  'trailing space ',
  '#hash',
  'x#y;z<w>=v',
  '*()\\',
  'ends with a backslash\\',
  'nul\u0000byte',
  'Zoë Ångström',
  '山田',
];
const isAscii = (s: string) => [...s].every((ch) => ch.charCodeAt(0) < 0x80);

async function listAll<T>(list: (cursor: string | null) => Promise<TPage<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const page = await list(cursor);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

const DISABLE: TLdapConfig['disable'][] = [
  { method: 'lockAttribute', attribute: 'pwdAccountLockedTime', value: '000001010000Z' },
  { method: 'moveToOu', ou: 'ou=disabled' },
];

describe.each(DISABLE)('hostile names, disabling by $method', (disable) => {
  let dir: TTestDirectory;
  let connector: TConnector;
  let groups: { names: TEntitlementRef; unique: TEntitlementRef; posix: TEntitlementRef };
  beforeAll(async () => {
    dir = await createTestDirectory();
    connector = connectorFor(dir, { disable });
    groups = {
      names: await addGroup(dir, 'groupOfNames', 'Finance, Reporting (EMEA) *+#'),
      unique: await addGroup(dir, 'groupOfUniqueNames', ' Zoë\'s "team" \\ 山田 '),
      posix: await addGroup(dir, 'posixGroup', 'ops*()\\'),
    };
    return () => connector.close();
  });

  /** Finds by username the way anything else would: a filter built with escapeFilterValue. */
  const find = (username: string) =>
    withClient(dir.admin, async (c) => {
      const { searchEntries } = await c.search(dir.baseDn, {
        filter: `(uid=${escapeFilterValue(username)})`,
        attributes: ['uid'],
      });
      return searchEntries.map((e) => e.dn);
    });

  it.each(NAMES)('%j: create, find, grant, list, disable, rename, delete', async (name) => {
    const created = await connector.createAccount!({
      username: name,
      attributes: { cn: name, sn: name, description: name },
      enabled: true,
    });
    expect(created.outcome).toBe('applied');
    expect(await readValues(dir, created.nativeId, 'uid')).toEqual([name]);
    expect(await readValues(dir, created.nativeId, 'description')).toEqual([name]);
    let account = { nativeId: created.nativeId, username: name };
    const found = await find(name);
    expect(found).toHaveLength(1);
    expect(sameDn(found[0]!, account.nativeId)).toBe(true);

    for (const group of [groups.names, groups.unique])
      expect(await connector.grant!(account, group)).toEqual({ outcome: 'applied' });
    expect(await membersOf(dir, groups.names, 'groupOfNames')).toContain(account.nativeId);
    expect(await membersOf(dir, groups.unique, 'groupOfUniqueNames')).toContain(account.nativeId);
    // memberUid is an IA5 string: the directory itself refuses anything but ASCII, permanently.
    const posix = await connector.grant!(account, groups.posix).catch((e: unknown) => e);
    if (isAscii(name)) {
      expect(posix).toEqual({ outcome: 'applied' });
      expect(await membersOf(dir, groups.posix, 'posixGroup')).toContain(name);
    } else {
      expect(posix).toBeInstanceOf(ConnectorError);
      expect(posix).toMatchObject({ kind: 'invalidAttribute' });
    }

    const accounts = await listAll((cursor) => connector.listAccounts!(cursor, 5));
    expect(accounts.filter((a) => a.username === name)).toEqual([
      expect.objectContaining({ nativeId: account.nativeId, enabled: true }),
    ]);
    const pairs = await listAll((cursor) => connector.listGrants!(cursor, 4));
    const mine = pairs
      .filter((p) => p.accountNativeId === account.nativeId)
      .map((p) => p.entitlementExternalId);
    expect(mine.sort()).toEqual(
      [groups.names, groups.unique, ...(isAscii(name) ? [groups.posix] : [])].map((g) => g.externalId).sort(),
    );

    const disabled = await connector.disableAccount!(account);
    expect(disabled.outcome).toBe('applied');
    account = { ...account, nativeId: disabled.nativeId };
    if (disable.method === 'moveToOu') expect(await readValues(dir, account.nativeId, 'uid')).toEqual([name]);
    else expect(await readValues(dir, account.nativeId, 'pwdAccountLockedTime')).toEqual(['000001010000Z']);
    expect(await membersOf(dir, groups.names, 'groupOfNames')).toContain(account.nativeId);
    const listed = await listAll((cursor) => connector.listAccounts!(cursor, 50));
    expect(listed.find((a) => a.nativeId === account.nativeId)?.enabled).toBe(false);
    account = { ...account, nativeId: (await connector.enableAccount!(account)).nativeId };

    if (isAscii(name)) {
      // Still in the posixGroup, whose memberUid could not hold the new name: refused, nothing moved.
      const refused = await connector.renameAccount!(account, `${name}→改名`).catch((e: unknown) => e);
      expect(refused).toMatchObject({ kind: 'invalidAttribute' });
      expect(await exists(dir, account.nativeId)).toBe(true);
    }
    const newName = isAscii(name) ? `${name} (renamed)` : `${name}→改名`;
    const renamed = await connector.renameAccount!(account, newName);
    expect(renamed.outcome).toBe('applied');
    expect(await exists(dir, account.nativeId)).toBe(false);
    account = { nativeId: renamed.nativeId, username: newName };
    expect(await readValues(dir, account.nativeId, 'uid')).toEqual([newName]);
    expect(await find(name)).toEqual([]);
    expect(await find(newName)).toHaveLength(1);
    expect(await membersOf(dir, groups.unique, 'groupOfUniqueNames')).toContain(account.nativeId);
    if (isAscii(name)) expect(await membersOf(dir, groups.posix, 'posixGroup')).toContain(newName);

    expect(await connector.revoke!(account, groups.names)).toEqual({ outcome: 'applied' });
    expect(await membersOf(dir, groups.names, 'groupOfNames')).not.toContain(account.nativeId);
    expect(await connector.deleteAccount!(account)).toEqual({ outcome: 'applied' });
    expect(await exists(dir, account.nativeId)).toBe(false);
    expect(await membersOf(dir, groups.unique, 'groupOfUniqueNames')).not.toContain(account.nativeId);
    expect(await membersOf(dir, groups.posix, 'posixGroup')).not.toContain(newName);
  });

  it('lists the hostile groups under their own names', async () => {
    const entitlements = await listAll((cursor) => connector.listEntitlements!(cursor, 2));
    expect(entitlements.map((e) => e.name).sort()).toEqual(
      ['Finance, Reporting (EMEA) *+#', ' Zoë\'s "team" \\ 山田 ', 'ops*()\\'].sort(),
    );
    expect(entitlements.map((e) => e.externalId).sort()).toEqual(
      Object.values(groups)
        .map((g) => g.externalId)
        .sort(),
    );
  });
});
