import { Client } from 'ldapts';
import { ensureDirectoryTree, withClient, type TDirectoryAdmin } from '@/server/seed/directory-setup.ts';
import type { TEntitlementRef } from '@/server/connectors/sdk/connector.ts';
import { ZLdapConfig, type TLdapConfig } from '@/server/connectors/ldap/ldap-config.ts';
import { LdapConnector } from '@/server/connectors/ldap/ldap-connector.ts';
import { canonicalDn, rdn, sameDn } from '@/server/connectors/ldap/ldap-escape.ts';

/**
 * Test helpers that read and write the directory with ldapts directly, never through the
 * connector under test.
 */
export type TLdapFixture = {
  admin: TDirectoryAdmin;
  baseDn: string;
  config: { url: string; bindDn: string; baseDn: string };
};

export function connectorFor(
  f: TLdapFixture,
  overrides: Partial<TLdapConfig> = {},
  bindPassword = f.admin.bindPassword,
) {
  return new LdapConnector(ZLdapConfig.parse({ ...f.config, ...overrides }), { bindPassword });
}

export type TGroupKind = 'groupOfNames' | 'groupOfUniqueNames' | 'posixGroup';
export const MEMBER_ATTRIBUTE = {
  groupOfNames: 'member',
  groupOfUniqueNames: 'uniqueMember',
  posixGroup: 'memberUid',
} as const;

let gid = 20_000;

/** A group under ou=groups; DN-valued kinds start with the stand-in member, as the directory setup makes them. */
export async function addGroup(
  f: TLdapFixture,
  kind: TGroupKind,
  cn: string,
  description = `${cn} group`,
): Promise<TEntitlementRef> {
  const dn = rdn('cn', cn, `ou=groups,${f.baseDn}`);
  const placeholder = `cn=nobody,${f.baseDn}`;
  const entry: Record<string, string | string[]> = { objectClass: ['top', kind], cn, description };
  if (kind === 'posixGroup') entry.gidNumber = String(gid++);
  else entry[MEMBER_ATTRIBUTE[kind]] = [placeholder];
  await withClient(f.admin, (c) => c.add(dn, entry));
  return { externalId: canonicalDn(dn), kind: 'GROUP' };
}

export async function readValues(f: TLdapFixture, dn: string, attribute: string): Promise<string[] | null> {
  return withClient(f.admin, async (c) => {
    try {
      const { searchEntries } = await c.search(dn, { scope: 'base', attributes: [attribute] });
      const v = searchEntries[0]?.[attribute];
      return v === undefined ? [] : (Array.isArray(v) ? v : [v]).map(String);
    } catch {
      return null;
    }
  });
}

export const exists = async (f: TLdapFixture, dn: string) =>
  (await readValues(f, dn, 'objectClass')) !== null;

/** The members a group holds, without the stand-in: DNs canonicalised, usernames as they are. */
export async function membersOf(
  f: TLdapFixture,
  group: TEntitlementRef,
  kind: TGroupKind,
): Promise<string[]> {
  const values = (await readValues(f, group.externalId, MEMBER_ATTRIBUTE[kind])) ?? [];
  if (kind === 'posixGroup') return values;
  return values.filter((v) => !sameDn(v, `cn=nobody,${f.baseDn}`)).map(canonicalDn);
}

export async function canBind(url: string, dn: string, password: string): Promise<boolean> {
  const c = new Client({ url, timeout: 5000, connectTimeout: 5000 });
  try {
    await c.bind(dn, password);
    return true;
  } catch {
    return false;
  } finally {
    await c.unbind().catch(() => {});
  }
}

/** A private subtree (ou=people, ou=groups, ou=disabled, the stand-in) under `parent`. */
export async function subtree(admin: TDirectoryAdmin, parent: string, name: string): Promise<TLdapFixture> {
  const baseDn = `ou=${name},${parent}`;
  await ensureDirectoryTree(admin, parent);
  await ensureDirectoryTree(admin, baseDn);
  return { admin, baseDn, config: { url: admin.url, bindDn: admin.bindDn, baseDn } };
}
