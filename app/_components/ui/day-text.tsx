import { formatDate } from './format.ts';

/**
 * A day inside a sentence ("since 4 Dec 2026"), kept on one line: the sentence around it wraps in a
 * narrow table cell, the day does not ("4 Dec" on one line and "2026" on the next reads as two
 * values). A column of days alone is marked noWrap instead (data-table.tsx); e2e/wrapped-moments.ts
 * checks both at 1440 and 390 px.
 */
export function DayText({ at }: { at: Date | null | undefined }) {
  return <span className="whitespace-nowrap">{formatDate(at)}</span>;
}
