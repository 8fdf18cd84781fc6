import { NoSuchObjectError, type Client } from 'ldapts';
import { z } from 'zod';
import { ConnectorError } from '../sdk/connector-error.ts';
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

const ZCursor = z.object({
  v: z.literal(1),
  list: z.enum(['accounts', 'entitlements', 'grants']),
  /** The last entry returned (grants: the group that was being read). */
  after: z.string().regex(UUID),
  /** grants only: the last member returned from that group. */
  member: z.string().optional(),
});
export type TCursor = z.infer<typeof ZCursor>;

export const encodeCursor = (cursor: TCursor) =>
  Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');

export function decodeCursor(list: TCursor['list'], cursor: string | null): TCursor | null {
  if (cursor === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  const result = ZCursor.safeParse(parsed);
  if (!result.success || result.data.list !== list) {
    throw new ConnectorError(
      'invalidConfig',
      `not a cursor this LDAP connector issued for ${list}: ${cursor.slice(0, 40)}`,
    );
  }
  return result.data;
}

export type TKey = { uuid: string; dn: string };

/** The cursor after a page of `keys`, or null when nothing follows. */
export function nextCursorAfter(
  list: 'accounts' | 'entitlements',
  keys: TKey[],
  hasMore: boolean,
): string | null {
  const last = keys.at(-1);
  return hasMore && last ? encodeCursor({ v: 1, list, after: last.uuid }) : null;
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
