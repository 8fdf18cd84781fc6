import { NoSuchObjectError, type Client } from 'ldapts';
import { z } from 'zod';
import { ConnectorError } from '../sdk/connector-error.ts';
import { pageCursorCodec } from '../sdk/page-cursor.ts';
import { toEntry, type TEntry } from './ldap-entries.ts';
import { escapeFilterValue } from './ldap-escape.ts';

/**
 * Listing pages are keyed by entryUUID (RFC 4530), not by LDAP paged-results cookies: a cookie
 * lives on one connection, and a listing outlives both the call and the connection. entryUUID is
 * stable across renames and moves (a disabled account moving OUs mid-listing is neither skipped nor
 * repeated), has an ordering rule in OpenLDAP, and is a fixed-format value, so no name, however
 * hostile, ever reaches the filter or the ordering.
 *
 * A page is the `limit` smallest entryUUIDs above the cursor: the server filters `entryUUID>=`,
 * and the client keeps the smallest while a real paged search streams the candidates (only their
 * entryUUID), then reads the chosen entries in full. That costs one pass over the remaining
 * candidates per page, which a server-side sort (sssvlv) would avoid but few directories enable.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Where a listing stands: the last entry returned (grants: the group being read) and, for grants, its last member. */
const cursors = pageCursorCodec(
  'LDAP',
  z.object({ after: z.string().regex(UUID), member: z.string().max(2048).optional() }),
);
export type TCursor = { list: 'accounts' | 'entitlements' | 'grants'; after: string; member?: string };

export const encodeCursor = ({ list, ...at }: TCursor) => cursors.encode(list, at);

export function decodeCursor(list: TCursor['list'], cursor: string | null): TCursor | null {
  return cursor === null ? null : { list, ...cursors.decode(list, cursor) };
}

export type TKey = { uuid: string; dn: string };

/** The cursor after a page of `keys`, or null when nothing follows. */
export function nextCursorAfter(
  list: 'accounts' | 'entitlements',
  keys: TKey[],
  hasMore: boolean,
): string | null {
  const last = keys.at(-1);
  return hasMore && last ? encodeCursor({ list, after: last.uuid }) : null;
}

/** Sorted insert that keeps at most `max` keys and each entryUUID once (bases may overlap). */
function keep(best: TKey[], key: TKey, max: number) {
  let lo = 0;
  let hi = best.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (best[mid]!.uuid < key.uuid) lo = mid + 1;
    else hi = mid;
  }
  if (best[lo]?.uuid === key.uuid || lo >= max) return;
  best.splice(lo, 0, key);
  if (best.length > max) best.pop();
}

export type TSelect = {
  bases: string[];
  filter: string;
  after: string | null;
  inclusive?: boolean;
  limit: number;
  chunk: number;
};

/** The `limit` entries with the smallest entryUUID after `after`, and whether more follow. */
export async function selectAfter(c: Client, o: TSelect): Promise<{ keys: TKey[]; hasMore: boolean }> {
  const filter = o.after ? `(&${o.filter}(entryUUID>=${escapeFilterValue(o.after)}))` : o.filter;
  const best: TKey[] = [];
  for (const base of o.bases) {
    try {
      const pages = c.searchPaginated(base, {
        scope: 'sub',
        filter,
        attributes: ['entryUUID'],
        paged: { pageSize: o.chunk },
      });
      for await (const page of pages) {
        for (const e of page.searchEntries) {
          const uuid = String(e.entryUUID ?? '').toLowerCase();
          if (!UUID.test(uuid))
            throw new ConnectorError(
              'unsupported',
              `${e.dn} has no entryUUID (RFC 4530), which listing needs`,
            );
          if (o.after && (o.inclusive ? uuid < o.after : uuid <= o.after)) continue;
          keep(best, { uuid, dn: e.dn }, o.limit + 1);
        }
      }
    } catch (error) {
      // An OU that does not exist (yet) holds nothing to list.
      if (!(error instanceof NoSuchObjectError)) throw error;
    }
  }
  return { keys: best.slice(0, o.limit), hasMore: best.length > o.limit };
}

export type TKeyedEntry = TEntry & { uuid: string };

/**
 * The chosen entries in full, in key order, found again by entryUUID rather than DN: one renamed
 * or moved between the two steps is still returned; one deleted meanwhile is simply left out.
 */
export async function fetchByUuid(
  c: Client,
  bases: string[],
  keys: TKey[],
  attributes: string[],
): Promise<TKeyedEntry[]> {
  const found = new Map<string, TKeyedEntry>();
  // 250 entryUUIDs per search: each is an indexed equality, and a search per 50 cost a round trip
  // per 50 entries (docs/benchmarks.md, reconciliation).
  for (let i = 0; i < keys.length; i += 250) {
    const terms = keys.slice(i, i + 250).map((k) => `(entryUUID=${escapeFilterValue(k.uuid)})`);
    for (const base of bases) {
      try {
        const { searchEntries } = await c.search(base, {
          scope: 'sub',
          filter: `(|${terms.join('')})`,
          attributes: [...attributes, 'entryUUID'],
        });
        for (const raw of searchEntries) {
          const entry = toEntry(raw);
          const uuid = entry.get('entryUUID')[0]?.toLowerCase() ?? '';
          found.set(uuid, { ...entry, uuid });
        }
      } catch (error) {
        if (!(error instanceof NoSuchObjectError)) throw error;
      }
    }
  }
  return keys.map((k) => found.get(k.uuid)).filter((e) => e !== undefined);
}
