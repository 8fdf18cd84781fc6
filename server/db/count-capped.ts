import { Prisma, type TDb } from './client.ts';

/** Where an exact count stops: past it a list says "10,000+" (docs/decisions/075). */
export const COUNT_CAP = 10_000;

/** A list's total as the page shows it: exact up to the cap, else "at least" the cap. */
export type TListTotal = { count: number; isAtLeast: boolean };

/**
 * Counts the rows `from` (a FROM … WHERE … clause) selects, stopping after COUNT_CAP + 1: an exact
 * COUNT(*) over 100,000 matching people reads them all on every first page, while a person reading
 * the list only needs to know it is long. The cost is bounded by the cap, whatever the table's size.
 */
export async function countCapped(db: TDb, from: Prisma.Sql, cap = COUNT_CAP): Promise<TListTotal> {
  const [row] = await db.$queryRaw<
    [{ n: number }]
  >`SELECT count(*)::int AS n FROM (SELECT 1 ${from} LIMIT ${cap + 1}) capped`;
  const n = row.n;
  return n > cap ? { count: cap, isAtLeast: true } : { count: n, isAtLeast: false };
}

/** A substring as an ILIKE pattern that matches it literally (its %, _ and \ escaped). */
export function containsPattern(text: string): string {
  return `%${likeLiteral(text)}%`;
}

/** A prefix as a LIKE pattern that matches it literally (its %, _ and \ escaped). */
export function prefixPattern(text: string): string {
  return `${likeLiteral(text)}%`;
}

/** A literal for LIKE/ILIKE: its %, _ and \ escaped (Prisma's contains/startsWith pass % and _ through as wildcards). */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}
