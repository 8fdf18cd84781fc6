import { NoSuchObjectError, type Client, type Entry } from 'ldapts';
import type { TListOptions, TTargetAccount, TTargetGrant } from '../sdk/connector.ts';
import { ConnectorError } from '../sdk/connector-error.ts';
import { accountBases, accountClass, groupsDn } from './ldap-config.ts';
import type { TLdapContext } from './ldap-context.ts';
import { toEntry } from './ldap-entries.ts';
import { canonicalDn, escapeFilterValue } from './ldap-escape.ts';
import { GROUP_FILTER } from './ldap-groups.ts';
import type { TKeyedEntry } from './ldap-keyset.ts';
import {
  accountReadAttributes,
  accountTerm,
  MEMBER_ATTRIBUTES,
  memberFilterOf,
  membersOf,
  narrowed,
  toAccount,
} from './ldap-listing.ts';

/*
 * Whole reads for reconciliation (docs/decisions/055): one simple paged search (RFC 2696) per base,
 * streamed over one connection held for the read's length, as a raw ldapsearch reads. The keyset
 * listing (ldap-keyset.ts) pays a pass over the remaining entryUUIDs per page and a fetch by
 * entryUUID to be resumable on any connection; a reconciliation read is never resumed (a failed run
 * is run again), so it need not pay that. An entry moved while the search runs may be missed; the
 * caller re-reads by entryUUID what it expected and did not see before calling it gone.
 */

/** Entries handed to the caller at a time. */
const BATCH = 5_000;
/** Groups per search page: a group is one entry with every member, so pages are kept small. */
const GROUP_PAGE = 20;

export async function streamAccounts(
  ctx: TLdapContext,
  options: TListOptions,
  each: (batch: TTargetAccount[]) => Promise<void>,
): Promise<void> {
  const { config } = ctx;
  const lock = config.disable.method === 'lockAttribute' ? config.disable.attribute : null;
  const filter = narrowed(`(objectClass=${escapeFilterValue(accountClass(config))})`, options, accountTerm);
  await ctx.pool.run('read accounts', async (c) => {
    const batch = new Batch(each);
    for (const base of accountBases(config)) {
      const attributes = accountReadAttributes(config, lock, options.attributes);
      await pagedSearch(c, base, filter, attributes, config.pageSize, async (raw) => {
        await batch.push(toAccount(config, keyed(raw), lock));
      });
    }
    await batch.flush();
  });
}

export async function streamGrants(
  ctx: TLdapContext,
  options: TListOptions,
  each: (batch: TTargetGrant[]) => Promise<void>,
): Promise<void> {
  const { config } = ctx;
  const only = options.accounts ? memberFilterOf(options.accounts) : null;
  const groupFilter = narrowed(
    GROUP_FILTER,
    options.changedSince ? { changedSince: options.changedSince } : undefined,
    () => '',
  );
  const filter = only ? `(&${groupFilter}${only.filter})` : groupFilter;
  await ctx.pool.run('read grants', async (c) => {
    const batch = new Batch(each);
    await pagedSearch(
      c,
      groupsDn(config),
      filter,
      [...MEMBER_ATTRIBUTES, 'entryUUID'],
      GROUP_PAGE,
      async (raw) => {
        const group = keyed(raw);
        const groupDn = canonicalDn(group.dn);
        for (const m of await membersOf(c, config, group)) {
          if (only && !only.dns.has(m.accountDn.toLowerCase())) continue;
          await batch.push({ accountNativeId: m.accountDn, entitlementExternalId: groupDn });
        }
      },
    );
    await batch.flush();
  });
}

/** Hands entries over BATCH at a time, waiting for the caller between batches. */
class Batch<T> {
  private items: T[] = [];
  constructor(private readonly each: (batch: T[]) => Promise<void>) {}
  async push(item: T) {
    this.items.push(item);
    if (this.items.length >= BATCH) await this.flush();
  }
  async flush() {
    if (this.items.length === 0) return;
    const items = this.items;
    this.items = [];
    await this.each(items);
  }
}

function keyed(raw: Entry): TKeyedEntry {
  const entry = toEntry(raw);
  const uuid = entry.get('entryUUID')[0]?.toLowerCase() ?? '';
  if (!uuid)
    throw new ConnectorError('unsupported', `${raw.dn} has no entryUUID (RFC 4530), which listing needs`);
  return { ...entry, uuid };
}

/**
 * A paged search of one base, entry by entry; a base that does not exist (yet) holds nothing. The
 * next page is asked for as soon as a page arrives, so the server searches for it while this one is
 * handled (read one page at a time, the server and Node took turns waiting for each other).
 */
async function pagedSearch(
  c: Client,
  base: string,
  filter: string,
  attributes: string[],
  pageSize: number,
  each: (raw: Entry) => Promise<void>,
) {
  const pages = c.searchPaginated(base, { scope: 'sub', filter, attributes, paged: { pageSize } });
  let next = pages.next();
  try {
    for (;;) {
      const page = await next;
      if (page.done) return;
      next = pages.next();
      // Awaited with the next page; until then a failure must not count as unhandled.
      next.catch(() => {});
      for (const raw of page.value.searchEntries) await each(raw);
    }
  } catch (error) {
    if (!(error instanceof NoSuchObjectError)) throw error;
  }
}
