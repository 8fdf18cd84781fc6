const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
});

const timestampFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZoneName: 'short',
});

export const formatDate = (d: Date | null | undefined) => (d ? dateFormat.format(d) : '—');
/** A moment in full, with its year and time zone: for evidence that is printed and read later. */
export const formatTimestamp = (d: Date | null | undefined) => (d ? timestampFormat.format(d) : '—');
export const formatDateTime = (d: Date | null | undefined) => (d ? dateTimeFormat.format(d) : '—');

const instantFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  timeZone: 'UTC',
  timeZoneName: 'short',
});
/** A moment as evidence states it: with the year, to the second, in UTC whatever the reader's zone. */
export const formatInstant = (d: Date | null | undefined) => (d ? instantFormat.format(d) : '—');

export function formatRelative(d: Date, now = new Date()): string {
  const s = Math.round((now.getTime() - d.getTime()) / 1000);
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  return formatDate(d);
}

const utcFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  timeZone: 'UTC',
});

/** A moment in UTC, to the second: "4 Dec 2026, 10:11:12 UTC" (the audit log's dates are UTC). */
export const formatDateTimeUtc = (d: Date | null | undefined) => (d ? `${utcFormat.format(d)} UTC` : '—');

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
