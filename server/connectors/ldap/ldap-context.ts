import type { TAccountRef } from '../sdk/connector.ts';
import { peopleDn, type TLdapConfig } from './ldap-config.ts';
import { canonicalDn, firstRdnValue, rdn } from './ldap-escape.ts';
import type { GroupTypeCache } from './ldap-groups.ts';
import type { LdapSessionPool } from './ldap-session-pool.ts';

/** What the connector's parts share: settings, bound connections, and what each group is. */
export type TLdapContext = { config: TLdapConfig; pool: LdapSessionPool; groupTypes: GroupTypeCache };

/** An account's DN: the one the directory gave it, or where a new one goes. */
export function accountDn(config: TLdapConfig, account: TAccountRef): string {
  return canonicalDn(account.nativeId ?? rdn(config.usernameAttribute, account.username, peopleDn(config)));
}

/**
 * The account's name as the directory holds it (its RDN value) once it exists: a posixGroup's
 * memberUid must match the entry, also while a rename is still on its way.
 */
export function directoryUsername(account: TAccountRef): string {
  return account.nativeId ? firstRdnValue(account.nativeId) : account.username;
}
