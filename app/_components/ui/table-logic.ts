/**
 * The pure parts of DataTable: how two cell values compare when a column is sorted, and whether a row
 * matches the table's search box. Cells hold strings, numbers, booleans, dates (as Date or ISO
 * strings) or nothing; an empty cell sorts last whichever way the column is sorted.
 */

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/;
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

const isEmpty = (v: unknown) => v === null || v === undefined || v === '';

function comparable(v: unknown): number | string {
  if (v instanceof Date) return v.getTime();
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string' && ISO_DATE.test(v)) return Date.parse(v);
  return String(v);
}

/** Ascending order of two cell values; the caller reverses it for descending (empties stay last). */
export function compareCells(a: unknown, b: unknown, descending = false): number {
  if (isEmpty(a) || isEmpty(b)) return isEmpty(a) === isEmpty(b) ? 0 : isEmpty(a) ? 1 : -1;
  const x = comparable(a);
  const y = comparable(b);
  const order =
    typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
  return descending ? -order : order;
}

/** Every word of the query appears in some cell (case- and accent-insensitive). */
export function matchesQuery(cells: unknown[], query: string): boolean {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const text = cells
    .filter((c) => !isEmpty(c) && typeof c !== 'object')
    .map((c) => fold(String(c)))
    .join('\n');
  return words.every((w) => text.includes(w));
}

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
