/** Dates become ISO strings, bigints strings, undefined disappears: audit rows hold plain JSON. */
export function toPlainJson(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  return JSON.parse(
    JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)),
  ) as unknown;
}
