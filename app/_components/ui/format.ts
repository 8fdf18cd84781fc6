/*
 * Words and numbers as the pages write them. Dates and moments are written by server/shared/format-date.ts,
 * which the server's notifications and explanations share: re-exported here so a page imports them
 * with the rest.
 */
export {
  formatDate,
  formatDateTime,
  formatDay,
  formatDayMonth,
  formatInstant,
  formatMonth,
  formatRelative,
} from '@/server/shared/format-date.ts';
export { capitalise } from '@/server/shared/capitalise.ts';

/** "1 person", "3 people", "1,200 accounts": a count with the word that fits it. */
export const countOf = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** A list's total as the server counts it: exact, or capped ("10,000+ people", docs/decisions/075). */
export type TListTotal = { count: number; isAtLeast: boolean };
export const totalText = (t: TListTotal) => `${t.count.toLocaleString('en')}${t.isAtLeast ? '+' : ''}`;
export const countOfTotal = (t: TListTotal, one: string, many = `${one}s`) =>
  t.isAtLeast ? `${totalText(t)} ${many}` : countOf(t.count, one, many);

/** Where a person's record came from, in words (Identity.origin holds the code). */
const ORIGIN_LABEL: Record<string, string> = {
  SEED: 'Demo data',
  HR_CSV: 'An HR file',
  HR_DATABASE: 'The HR database',
  SCIM: 'The identity provider (SCIM)',
  JIT: 'Their first sign-in',
  ADMIN: 'Added by the identity team',
};
export const originLabel = (origin: string) => ORIGIN_LABEL[origin] ?? origin;
