import { formatDate, formatDateTime, formatInstant } from './format.ts';

const WRITE = { day: formatDate, minute: formatDateTime, second: formatInstant } as const;

/**
 * A day inside a sentence ("since 4 Dec 2026"), kept on one line: the sentence around it wraps in a
 * narrow table cell, the day does not ("4 Dec" on one line and "2026" on the next reads as two
 * values). With `to`, the moment to the minute or second ("4 Dec 2026, 10:11 UTC"), kept whole as well:
 * a time on the line after its day reads as another value too. A column of days alone is marked noWrap
 * instead (data-table.tsx); e2e/wrapped-moments.ts checks both at 1440 and 390 px.
 */
export function DayText({ at, to = 'day' }: { at: Date | null | undefined; to?: keyof typeof WRITE }) {
  return <span className="whitespace-nowrap">{WRITE[to](at)}</span>;
}

/** A day, and its time when it has one, as the formatters write them ("4 Dec 2026", "4 Dec 2026, 09:30 UTC"). */
const MOMENT =
  /\b\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}(?:, \d{2}:\d{2}(?::\d{2})? UTC)?/g;

/**
 * A sentence written on the server ("Campaign … opened, ends 13 Dec 2026") with each day or moment in
 * it kept on one line, as DayText keeps one the page formats itself: the sentence wraps, the days in it
 * do not.
 */
export function SentenceText({ text }: { text: string }) {
  const parts: React.ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(MOMENT)) {
    if (match.index > last) parts.push(text.slice(last, match.index));
    parts.push(
      <span key={match.index} className="whitespace-nowrap">
        {match[0]}
      </span>,
    );
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return <>{parts}</>;
}
