import { Client, type SearchOptions } from 'ldapts';
import { beforeAll, describe, expect, inject, it, vi } from 'vitest';
import {
  addGroup,
  connectorFor,
  membersOf,
  subtree,
  type TGroupKind,
  type TLdapFixture,
} from '@/server/testing/ldap-fixtures.ts';
import { canonicalDn } from './ldap-escape.ts';

let admin: TLdapFixture['admin'];
let parent: string;
beforeAll(() => {
  const ldap = inject('ldap');
  admin = { url: ldap.url, bindDn: ldap.rootDn, bindPassword: ldap.rootPassword };
  parent = ldap.suffix;
});

const KINDS: TGroupKind[] = ['groupOfNames', 'groupOfUniqueNames', 'posixGroup'];

/** An account in `size` groups of every kind, in a subtree of its own. */
async function memberOf(size: number) {
  const f = await subtree(admin, parent, `group-searches-${process.pid}-${size}-${Date.now()}`);
  const setup = connectorFor(f);
  const username = `roamer${size}`;
  const { nativeId } = await setup.createAccount({ username, attributes: {}, enabled: true });
  const groups = [];
  for (let i = 0; i < size; i += 1) {
    const kind = KINDS[i % KINDS.length]!;
    const group = await addGroup(f, kind, `g${size}-${i}`);
    await setup.grant({ nativeId, username }, group);
    groups.push({ kind, group });
  }
  await setup.close();
  return { f, username, nativeId, groups };
}

/** The directory searches `run` sends through a connector that has not seen these groups yet (a new worker). */
async function searchesOf(f: TLdapFixture, run: (c: ReturnType<typeof connectorFor>) => Promise<unknown>) {
  const connector = connectorFor(f);
  try {
    await connector.listEntitlements(null, 1);
    const search = vi.spyOn(Client.prototype, 'search');
    try {
      await run(connector);
      const scopes = search.mock.calls.map((call) => (call[1] as SearchOptions | undefined)?.scope);
      return { all: scopes.length, subtree: scopes.filter((s) => s === 'sub').length };
    } finally {
      search.mockRestore();
    }
  } finally {
    await connector.close();
  }
}

describe('following an account through its groups in directory searches', () => {
  it('a rename finds the groups of every kind in one subtree search, for 20 groups as for 2', async () => {
    const small = await memberOf(2);
    const large = await memberOf(20);
    const rename = (m: typeof small) =>
      searchesOf(m.f, (c) =>
        c.renameAccount({ nativeId: m.nativeId, username: m.username }, `${m.username}x`),
      );
    const two = await rename(small);
    const twenty = await rename(large);
    const renamedDn = canonicalDn(
      large.nativeId.replace(`uid=${large.username},`, `uid=${large.username}x,`),
    );
    for (const { kind, group } of large.groups) {
      expect(await membersOf(large.f, group, kind)).toEqual([
        kind === 'posixGroup' ? `${large.username}x` : renamedDn,
      ]);
    }
    expect(two.subtree).toBe(1);
    expect(twenty).toEqual(two);
  });

  it('a deleted account leaves groups of every kind after one subtree search, for 20 groups as for 2', async () => {
    const small = await memberOf(2);
    const large = await memberOf(20);
    const remove = (m: typeof small) =>
      searchesOf(m.f, (c) => c.deleteAccount({ nativeId: m.nativeId, username: m.username }));
    const two = await remove(small);
    const twenty = await remove(large);
    for (const { kind, group } of large.groups) expect(await membersOf(large.f, group, kind)).toEqual([]);
    expect(two.subtree).toBe(1);
    expect(twenty).toEqual(two);
  });
});
