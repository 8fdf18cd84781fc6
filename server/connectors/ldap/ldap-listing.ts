import { NoSuchObjectError, type Client } from 'ldapts';
import { generalizedTimeToIso, isoToGeneralizedTime } from './ldap-time.ts';
import type {
  TAttributes,
  TListOptions,
  TPage,
  TTargetAccount,
  TTargetEntitlement,
  TTargetGrant,
} from '../sdk/connector.ts';
import {
  accountBases,
  accountClass,
  disabledDn,
  groupsDn,
  placeholderDn,
  type TLdapConfig,
} from './ldap-config.ts';
import type { TLdapContext } from './ldap-context.ts';
import { canonicalDn, escapeFilterValue, firstRdnValue, isWithin, parseDn } from './ldap-escape.ts';
import { readEntry, type TEntry } from './ldap-entries.ts';
import { GROUP_FILTER, groupTypeOf } from './ldap-groups.ts';
import {
  decodeCursor,
  encodeCursor,
  fetchByUuid,
  nextCursorAfter,
  selectAfter,
  type TCursor,
  type TKeyedEntry,
} from './ldap-keyset.ts';

/** A page of accounts or grants; a reconciliation reads 25,000 at a time (each page is one pass over the remaining entryUUIDs). */
const MAX_PAGE = 25_000;
/** Never handed out, even to an administrator's bind. */
const HIDDEN = new Set(['objectclass', 'userpassword', 'entryuuid', 'modifytimestamp', 'authtimestamp']);

const pageSizeOf = (requested: number) => Math.min(Math.max(1, Math.floor(requested) || 1), MAX_PAGE);
export const UUID_VALUE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A listing's filter narrowed by TListOptions: `(modifyTimestamp>=…)` for what changed (whole
 * seconds, so an entry changed in the watermark's own second is read again: harmless), and the
 * accounts asked for by entryUUID or by DN (entryDN). The keyset paging stays as it is.
 */
export function narrowed(
  filter: string,
  options: TListOptions | undefined,
  terms: (account: string) => string,
): string {
  const parts = [filter];
  if (options?.changedSince) parts.push(`(modifyTimestamp>=${isoToGeneralizedTime(options.changedSince)})`);
  if (options?.accounts) {
    // No account asked for matches nothing (an empty OR is false in LDAP).
    parts.push(`(|${options.accounts.map(terms).join('')})`);
  }
  return parts.length === 1 ? filter : `(&${parts.join('')})`;
}

export const accountTerm = (account: string) =>
  UUID_VALUE.test(account)
    ? `(entryUUID=${escapeFilterValue(account.toLowerCase())})`
    : `(entryDN=${escapeFilterValue(canonicalDn(account))})`;

export async function listAccounts(
  ctx: TLdapContext,
  cursor: string | null,
  pageSize: number,
  options?: TListOptions,
): Promise<TPage<TTargetAccount>> {
  const { config } = ctx;
  const start = decodeCursor('accounts', cursor);
  const lock = config.disable.method === 'lockAttribute' ? config.disable.attribute : null;
  return ctx.pool.run('list accounts', async (c) => {
    const bases = accountBases(config);
    const filter = narrowed(`(objectClass=${escapeFilterValue(accountClass(config))})`, options, accountTerm);
    const limit = pageSizeOf(pageSize);
    const { keys, hasMore } = await selectAfter(c, {
      bases,
      filter,
      after: start?.after ?? null,
      limit,
      chunk: config.pageSize,
    });
    const entries = await fetchByUuid(
      c,
      bases,
      keys,
      accountReadAttributes(config, lock, options?.attributes),
    );
    return {
      items: entries.map((e) => toAccount(config, e, lock)),
      nextCursor: nextCursorAfter('accounts', keys, hasMore),
    };
  });
}

/**
 * What an account read asks for: every user attribute, or only those the caller keeps
 * (TListOptions.attributes) and the username attribute, which toAccount needs when the RDN is another.
 * A full read of 100,000 entries otherwise decodes every objectClass value only to drop it
 * (docs/decisions/090, ninth pass). Operational attributes come only when named: modifyTimestamp
 * for incremental reads, authTimestamp (the lastbind overlay's last bind) for the account's last use.
 */
export const accountReadAttributes = (
  config: TLdapConfig,
  lock: string | null,
  only: readonly string[] | undefined,
) => [
  ...(only ? [...only, config.usernameAttribute] : ['*']),
  'modifyTimestamp',
  'authTimestamp',
  'entryUUID',
  ...(lock ? [lock] : []),
];

export function toAccount(config: TLdapConfig, e: TKeyedEntry, lock: string | null): TTargetAccount {
  const parked = disabledDn(config);
  const attributes: TAttributes = {};
  for (const name of e.names()) {
    if (HIDDEN.has(name.toLowerCase()) || (lock && name.toLowerCase() === lock.toLowerCase())) continue;
    const values = e.get(name);
    // An attribute asked for by name that the entry does not hold comes back empty (ldapts); an entry
    // never holds an attribute without a value, so it is left out, as under `*`.
    if (values.length === 0) continue;
    attributes[name] = values.length === 1 ? values[0]! : values;
  }
  const rdn = parseDn(e.dn)[0]?.[0];
  const modified = e.get('modifyTimestamp')[0];
  const lastBind = e.get('authTimestamp')[0];
  return {
    stableId: e.uuid,
    nativeId: canonicalDn(e.dn),
    username:
      rdn && rdn.type.toLowerCase() === config.usernameAttribute.toLowerCase()
        ? rdn.value
        : (e.get(config.usernameAttribute)[0] ?? ''),
    enabled: lock ? e.get(lock).length === 0 : !(parked && isWithin(e.dn, parked)),
    attributes,
    modifiedAt: modified ? generalizedTimeToIso(modified) : null,
    // No authTimestamp: never bound since the overlay was on (a directory without it never tells,
    // which the dormant-access report reads from no account of the application having one).
    lastUsedAt: lastBind ? generalizedTimeToIso(lastBind) : null,
  };
}

export async function listEntitlements(
  ctx: TLdapContext,
  cursor: string | null,
  pageSize: number,
  options?: Pick<TListOptions, 'changedSince'>,
): Promise<TPage<TTargetEntitlement>> {
  const { config } = ctx;
  const start = decodeCursor('entitlements', cursor);
  return ctx.pool.run('list entitlements', async (c) => {
    const bases = [groupsDn(config)];
    const limit = pageSizeOf(pageSize);
    const { keys, hasMore } = await selectAfter(c, {
      bases,
      filter: narrowed(GROUP_FILTER, options, () => ''),
      after: start?.after ?? null,
      limit,
      chunk: config.pageSize,
    });
    const entries = await fetchByUuid(c, bases, keys, ENTITLEMENT_ATTRIBUTES);
    return {
      items: entries.map(toTargetEntitlement),
      nextCursor: nextCursorAfter('entitlements', keys, hasMore),
    };
  });
}

const ENTITLEMENT_ATTRIBUTES = ['cn', 'description', 'modifyTimestamp'];

function toTargetEntitlement(e: TEntry): TTargetEntitlement {
  return {
    modifiedAt: generalizedTimeToIso(e.get('modifyTimestamp')[0] ?? ''),
    externalId: canonicalDn(e.dn),
    name: e.get('cn')[0] ?? firstRdnValue(e.dn),
    description: e.get('description')[0] ?? '',
    kind: 'GROUP',
  };
}

/**
 * One group by DN, as listEntitlements lists it; null when no group is there, the DN does not parse,
 * or it lies outside the groups base (listings never look there: the catalog would never see it).
 */
export async function readEntitlement(
  ctx: TLdapContext,
  externalId: string,
): Promise<TTargetEntitlement | null> {
  let dn: string;
  try {
    dn = canonicalDn(externalId);
  } catch {
    return null;
  }
  if (!isWithin(dn, groupsDn(ctx.config))) return null;
  return ctx.pool.run('read entitlement', async (c) => {
    const entry = await readEntry(c, dn, ['objectClass', ...ENTITLEMENT_ATTRIBUTES]);
    return entry && groupTypeOf(entry.get('objectClass')) ? toTargetEntitlement(entry) : null;
  });
}

/** Groups read per round while filling a page of grants. */
const GROUP_BATCH = 50;
const GROUP_FETCH = 5;
export const MEMBER_ATTRIBUTES = ['objectClass', 'member', 'uniqueMember', 'memberUid'];

/**
 * Account/group pairs, group by group (entryUUID order) and, within a group, member by member
 * (in the order of their canonical DN, or username for posixGroup). The cursor is the last pair
 * returned, so a group larger than a page is continued where it stopped.
 */
export async function listGrants(
  ctx: TLdapContext,
  cursor: string | null,
  pageSize: number,
  options?: TListOptions,
): Promise<TPage<TTargetGrant>> {
  const { config } = ctx;
  const start = decodeCursor('grants', cursor);
  const only = options?.accounts ? memberFilterOf(options.accounts) : null;
  const groupFilter = narrowed(
    GROUP_FILTER,
    options?.changedSince ? { changedSince: options.changedSince } : undefined,
    () => '',
  );
  const filter = only ? `(&${groupFilter}${only.filter})` : groupFilter;
  return ctx.pool.run('list grants', async (c) => {
    const limit = pageSizeOf(pageSize);
    const bases = [groupsDn(config)];
    const items: TTargetGrant[] = [];
    let last: TCursor | null = null;
    // The group the cursor stopped in is read again, from the member after the last one returned.
    let position = { after: start?.after ?? null, inclusive: start !== null };
    for (;;) {
      const select = { bases, filter, ...position, limit: GROUP_BATCH, chunk: config.pageSize };
      const { keys, hasMore } = await selectAfter(c, select);
      // Groups are read whole a few at a time, so a page that fills early reads few it does not use.
      for (let i = 0; i < keys.length; i += GROUP_FETCH) {
        for (const group of await fetchByUuid(c, bases, keys.slice(i, i + GROUP_FETCH), MEMBER_ATTRIBUTES)) {
          const resumeAfter = group.uuid === start?.after ? start.member : undefined;
          const groupDn = canonicalDn(group.dn);
          for await (const m of membersAfter(c, config, group, resumeAfter)) {
            if (only && !only.dns.has(m.accountDn.toLowerCase())) continue;
            if (last && items.length === limit) return { items, nextCursor: encodeCursor(last) };
            items.push({ accountNativeId: m.accountDn, entitlementExternalId: groupDn });
            last = { list: 'grants', after: group.uuid, member: m.key };
          }
        }
      }
      const lastGroup = keys.at(-1);
      if (!hasMore || !lastGroup) return { items, nextCursor: null };
      position = { after: lastGroup.uuid, inclusive: false };
    }
  });
}

/** Groups holding one of these accounts (by DN, or by username for posixGroup), and the DNs to keep. */
export function memberFilterOf(accounts: readonly string[]): { filter: string; dns: Set<string> } {
  const dns = accounts.filter((a) => !UUID_VALUE.test(a)).map((a) => canonicalDn(a));
  const terms = dns.flatMap((dn) => {
    const value = escapeFilterValue(dn);
    return [
      `(member=${value})`,
      `(uniqueMember=${value})`,
      `(memberUid=${escapeFilterValue(firstRdnValue(dn))})`,
    ];
  });
  return { filter: `(|${terms.join('')})`, dns: new Set(dns.map((d) => d.toLowerCase())) };
}

type TMember = { key: string; accountDn: string };

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A group's members as accounts, sorted by key; the stand-in member and unknown usernames are left out. */
export async function membersOf(c: Client, config: TLdapConfig, group: TKeyedEntry): Promise<TMember[]> {
  const members: TMember[] = [];
  for await (const m of membersAfter(c, config, group, undefined)) members.push(m);
  return members;
}

/**
 * A group's members whose key comes after `after` (a cursor's member), in key order. A posixGroup's
 * usernames are sorted first and resolved to accounts as the caller reaches them, a search per 50
 * (per account base): a page that stops inside a big group has resolved about what it returns,
 * rather than the whole group again on every page (issue 14: quadratic in the group's size).
 */
async function* membersAfter(
  c: Client,
  config: TLdapConfig,
  group: TKeyedEntry,
  after: string | undefined,
): AsyncGenerator<TMember> {
  const type = groupTypeOf(group.get('objectClass'));
  if (!type) return;
  const values = group.get(type.attribute);
  const isAfter = (key: string) => after === undefined || key > after;
  if (type.byUsername) {
    const names = values.filter(isAfter).sort(byKey);
    for (let i = 0; i < names.length; i += RESOLVE_BATCH)
      yield* await resolveUsernames(c, config, names.slice(i, i + RESOLVE_BATCH));
    return;
  }
  // The stand-in compared as sameDn would, canonicalised once per group rather than once per member.
  const placeholder = placeholderDn(config);
  const standIn = tryCanonical(placeholder)?.toLowerCase();
  const isStandIn = (dn: string) =>
    standIn === undefined ? dn === placeholder : dn.toLowerCase() === standIn;
  yield* values
    .flatMap((v) => {
      const dn = tryCanonical(v);
      return dn && !isStandIn(dn) && isAfter(dn) ? [{ key: dn, accountDn: dn }] : [];
    })
    .sort((a, b) => byKey(a.key, b.key));
}

function tryCanonical(dn: string): string | null {
  try {
    return canonicalDn(dn);
  } catch {
    return null;
  }
}

/** Usernames resolved per search. */
const RESOLVE_BATCH = 50;

/** posixGroup members are usernames: each is listed under the DN of the account that has it (up to RESOLVE_BATCH). */
async function resolveUsernames(c: Client, config: TLdapConfig, usernames: string[]): Promise<TMember[]> {
  const byName = new Map<string, string>();
  const terms = usernames.map((u) => `(${config.usernameAttribute}=${escapeFilterValue(u)})`);
  for (const base of accountBases(config)) {
    const { searchEntries } = await c
      .search(base, { scope: 'sub', filter: `(|${terms.join('')})`, attributes: ['1.1'] })
      .catch((error: unknown) => {
        if (error instanceof NoSuchObjectError) return { searchEntries: [] };
        throw error;
      });
    for (const e of searchEntries) byName.set(firstRdnValue(e.dn).toLowerCase(), canonicalDn(e.dn));
  }
  return usernames.flatMap((u) => {
    const dn = byName.get(u.toLowerCase());
    return dn ? [{ key: u, accountDn: dn }] : [];
  });
}
