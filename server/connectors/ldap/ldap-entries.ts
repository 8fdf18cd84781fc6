import { NoSuchObjectError, type Client, type Entry } from 'ldapts';
import type { TAttributeValue } from '../sdk/connector.ts';

/** An entry's attributes as strings, looked up case-insensitively (servers answer `givenName` to `givenname`). */
export type TEntry = { dn: string; get: (name: string) => string[]; names: () => string[] };

export function toEntry(raw: Entry): TEntry {
  const byName = new Map<string, { name: string; values: string[] }>();
  for (const name in raw) {
    if (name === 'dn') continue;
    byName.set(name.toLowerCase(), { name, values: asStrings(raw[name]!) });
  }
  return {
    dn: raw.dn,
    get: (name) => byName.get(name.toLowerCase())?.values ?? [],
    names: () => [...byName.values()].map((a) => a.name),
  };
}

/** An attribute's values as strings; a list of strings (most of them) is taken as it is. */
function asStrings(value: Entry[string]): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  return (Array.isArray(value) ? value : [value]).map((v) =>
    Buffer.isBuffer(v) ? v.toString('utf8') : String(v),
  );
}

/** One entry by DN, or null when it does not exist. */
export async function readEntry(c: Client, dn: string, attributes: string[]): Promise<TEntry | null> {
  try {
    const { searchEntries } = await c.search(dn, { scope: 'base', filter: '(objectClass=*)', attributes });
    return searchEntries[0] ? toEntry(searchEntries[0]) : null;
  } catch (error) {
    if (error instanceof NoSuchObjectError) return null;
    throw error;
  }
}

export const toValues = (v: TAttributeValue): string[] => (v === null ? [] : Array.isArray(v) ? v : [v]);

export function sameValues(current: string[], next: string[]): boolean {
  const a = [...current].sort();
  const b = [...next].sort();
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
