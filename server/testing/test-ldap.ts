import crypto from 'node:crypto';
import { inject } from 'vitest';
import { ensureDirectoryTree, withClient, type TDirectoryAdmin } from '@/server/seed/directory-setup.ts';
import type { TLdapConfig } from '@/server/connectors/ldap/ldap-config.ts';

export const TEST_SECRET_KEY = Buffer.alloc(32, 7).toString('base64');

export type TTestDirectory = {
  admin: TDirectoryAdmin;
  baseDn: string;
  /** An LDAP application's settings pointing at this subtree of the run's real slapd. */
  config: Partial<TLdapConfig> & { url: string; bindDn: string; baseDn: string };
  secrets: { bindPassword: string };
  readEntry: (dn: string, attributes?: string[]) => Promise<Record<string, string[]> | null>;
  members: (groupDn: string) => Promise<string[]>;
};

/** A private subtree (ou=t-xxxx) of the run's slapd, so test files never see each other's entries. */
export async function createTestDirectory(): Promise<TTestDirectory> {
  const ldap = inject('ldap');
  const admin = { url: ldap.url, bindDn: ldap.rootDn, bindPassword: ldap.rootPassword };
  await ensureDirectoryTree(admin, ldap.suffix);
  const baseDn = `ou=t-${crypto.randomBytes(4).toString('hex')},${ldap.suffix}`;
  await ensureDirectoryTree(admin, baseDn);
  const readEntry = (dn: string, attributes: string[] = ['*', '+']) =>
    withClient(admin, async (c) => {
      try {
        const { searchEntries } = await c.search(dn, { scope: 'base', attributes });
        const e = searchEntries[0];
        if (!e) return null;
        return Object.fromEntries(
          Object.entries(e).map(([k, v]) => [k, (Array.isArray(v) ? v : [v]).map(String)]),
        );
      } catch {
        return null;
      }
    });
  return {
    admin,
    baseDn,
    config: { url: ldap.url, bindDn: ldap.rootDn, baseDn },
    secrets: { bindPassword: ldap.rootPassword },
    readEntry,
    members: async (groupDn) =>
      ((await readEntry(groupDn, ['member']))?.member ?? []).filter((m) => !m.startsWith('cn=nobody')),
  };
}
