import { AlreadyExistsError, Client } from 'ldapts';
import { rdn } from '@/server/connectors/ldap/ldap-escape.ts';

export type TDirectoryAdmin = { url: string; bindDn: string; bindPassword: string };

/**
 * Prepares a directory for Gatehouse (the demo's slapd, a test's private subtree): the base entry,
 * ou=people, ou=groups and the stand-in member that empty groupOfNames entries hold.
 */
export async function ensureDirectoryTree(admin: TDirectoryAdmin, baseDn: string): Promise<void> {
  await withClient(admin, async (c) => {
    const [first] = baseDn.split(',');
    const [attr, value] = (first ?? '').split('=');
    const base: Record<string, string | string[]> =
      attr === 'dc'
        ? { objectClass: ['top', 'dcObject', 'organization'], dc: value!, o: value! }
        : { objectClass: ['top', 'organizationalUnit'], ou: value! };
    await addIfMissing(c, baseDn, base);
    await addIfMissing(c, `ou=people,${baseDn}`, {
      objectClass: ['top', 'organizationalUnit'],
      ou: 'people',
    });
    await addIfMissing(c, `ou=groups,${baseDn}`, {
      objectClass: ['top', 'organizationalUnit'],
      ou: 'groups',
    });
    await addIfMissing(c, `ou=disabled,${baseDn}`, {
      objectClass: ['top', 'organizationalUnit'],
      ou: 'disabled',
    });
    await addIfMissing(c, `cn=nobody,${baseDn}`, {
      objectClass: ['top', 'organizationalRole'],
      cn: 'nobody',
      description: 'Stands in as the member of empty groups',
    });
  });
}

/** A groupOfNames under ou=groups (holding the stand-in member); returns its DN. */
export async function ensureGroup(
  admin: TDirectoryAdmin,
  baseDn: string,
  cn: string,
  description: string,
  members: string[] = [],
): Promise<string> {
  const dn = rdn('cn', cn, `ou=groups,${baseDn}`);
  await withClient(admin, (c) =>
    addIfMissing(c, dn, {
      objectClass: ['top', 'groupOfNames'],
      cn,
      description,
      member: members.length ? members : [`cn=nobody,${baseDn}`],
    }),
  );
  return dn;
}

export async function withClient<T>(admin: TDirectoryAdmin, fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ url: admin.url, timeout: 10_000, connectTimeout: 5_000 });
  await c.bind(admin.bindDn, admin.bindPassword);
  try {
    return await fn(c);
  } finally {
    await c.unbind().catch(() => {});
  }
}

async function addIfMissing(c: Client, dn: string, entry: Record<string, string | string[]>) {
  try {
    await c.add(dn, entry);
  } catch (error) {
    if (!(error instanceof AlreadyExistsError)) throw error;
  }
}
