import { Client } from 'ldapts';
import { beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { withClient } from '@/server/seed/directory-setup.ts';
import { addGroup, connectorFor, subtree, type TLdapFixture } from '@/server/testing/ldap-fixtures.ts';
import type { TTargetGrant } from '../sdk/connector.ts';
import { change } from './ldap-groups.ts';

let admin: TLdapFixture['admin'];
let parent: string;
beforeAll(() => {
  const ldap = inject('ldap');
  admin = { url: ldap.url, bindDn: ldap.rootDn, bindPassword: ldap.rootPassword };
  parent = ldap.suffix;
});

/** A subtree with one posixGroup of `size` accounts (added as memberUid values in one change). */
async function posixGroupOf(size: number) {
  const f = await subtree(admin, parent, `posix-pages-${process.pid}-${size}-${Date.now()}`);
  const group = await addGroup(f, 'posixGroup', `crowd-${size}`);
  const names = Array.from({ length: size }, (_, i) => `p${size}-${String(i).padStart(3, '0')}`);
  const connector = connectorFor(f, { pageSize: 50 });
  const dns: string[] = [];
  for (const username of names)
    dns.push((await connector.createAccount({ username, attributes: {}, enabled: true })).nativeId);
  await withClient(admin, (c) => c.modify(group.externalId, change('add', 'memberUid', names)));
  return { connector, group, dns };
}

/** The directory searches one listGrants call sends, counted on the real client (it still runs). */
async function searchesOf(list: () => Promise<{ nextCursor: string | null; items: TTargetGrant[] }>) {
  const search = vi.spyOn(Client.prototype, 'search');
  try {
    const page = await list();
    return { page, searches: search.mock.calls.length };
  } finally {
    search.mockRestore();
  }
}

describe('listing a posixGroup’s grants in directory searches', () => {
  it('a page inside a group of 120 costs the searches of a page of a group of 12: only the members it returns are resolved', async () => {
    const small = await posixGroupOf(12);
    const large = await posixGroupOf(120);
    try {
      // Connections are bound and the group types known before anything is counted.
      await small.connector.listEntitlements(null, 1);
      await large.connector.listEntitlements(null, 1);
      const first = await searchesOf(() => small.connector.listGrants(null, 10));
      expect(first.page.items).toHaveLength(10);

      // The large group page by page: each page costs the same, and every member comes once.
      const seen: string[] = [];
      const counts: number[] = [];
      let cursor: string | null = null;
      do {
        const { page, searches } = await searchesOf(() => large.connector.listGrants(cursor, 10));
        seen.push(...page.items.map((g) => g.accountNativeId));
        expect(page.items.every((g) => g.entitlementExternalId === large.group.externalId)).toBe(true);
        if (page.items.length === 10 && page.nextCursor) counts.push(searches);
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(120);
      expect(new Set(seen)).toEqual(new Set(large.dns));
      expect(first.searches).toBeGreaterThan(0);
      expect(counts.length).toBeGreaterThanOrEqual(10);
      expect(new Set(counts)).toEqual(new Set([first.searches]));
    } finally {
      await small.connector.close();
      await large.connector.close();
    }
  });
});
