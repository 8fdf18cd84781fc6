'use client';

import { useId } from 'react';
import { Card } from '../../../_components/ui/card.tsx';
import { DateField } from '@/app/_components/ui/date-field.tsx';
import { Select } from '@/app/_components/ui/text-field.tsx';
import { useFilterParams } from '../_components/use-filter-params.ts';
import { utcDay } from '@/app/_components/ui/days.ts';
import { formatDayMonth, formatMonth } from '@/app/_components/ui/format.ts';

export type TChartRangeValue = { from: string; to: string; by: 'week' | 'month' };

/**
 * A chart's date range in the page's query string (`<name>-from`, `<name>-to`, `<name>-by`), so a
 * link reproduces every chart as it was; twelve weeks to today (UTC) when the link says nothing.
 */
export function useChartRange(name: string) {
  const keys = [`${name}-from`, `${name}-to`, `${name}-by`] as const;
  const { values, apply } = useFilterParams(keys);
  const today = new Date();
  const range: TChartRangeValue = {
    // UTC days, as the charts count them: the server's render and the browser's then name the same day.
    from: values[keys[0]] || utcDay(new Date(today.getTime() - 83 * 86_400_000)),
    to: values[keys[1]] || utcDay(today),
    by: values[keys[2]] === 'month' ? 'month' : 'week',
  };
  const set = (next: Partial<TChartRangeValue>) =>
    apply({
      [keys[0]]: next.from ?? range.from,
      [keys[1]]: next.to ?? range.to,
      [keys[2]]: next.by ?? values[keys[2]],
    });
  return { range, set };
}

/**
 * One chart: its title, its own date range, a one-line summary people and screen readers read first,
 * the chart itself, and the numbers behind it as a table (the text alternative; also what prints).
 */
export function ChartCard({
  title,
  description,
  range,
  onRange,
  withPeriod,
  summary,
  table,
  children,
}: {
  title: string;
  description: string;
  range: TChartRangeValue;
  onRange: (next: Partial<TChartRangeValue>) => void;
  withPeriod?: boolean;
  summary: React.ReactNode;
  table: React.ReactNode;
  children: React.ReactNode;
}) {
  const id = useId();
  return (
    <Card className="min-w-0 p-4 print:break-inside-avoid print:border-0 print:shadow-none">
      <figure aria-labelledby={`${id}-title`} aria-describedby={`${id}-summary`} className="min-w-0">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="min-w-0">
            <h2 id={`${id}-title`} className="font-semibold text-slate-900">
              {title}
            </h2>
            <p className="text-sm text-slate-600">{description}</p>
          </div>
        </div>
        <fieldset className="mt-3 flex flex-wrap items-end gap-2 text-sm print:hidden">
          <legend className="sr-only">Date range of “{title}”</legend>
          <DateField
            label="From"
            settle={400}
            value={range.from}
            max={range.to}
            onChange={(day) => day && onRange({ from: day })}
          />
          <DateField
            label="To"
            settle={400}
            value={range.to}
            min={range.from}
            onChange={(day) => day && onRange({ to: day })}
          />
          {withPeriod ? (
            <Select
              label="Per"
              value={range.by}
              onChange={(e) => onRange({ by: e.target.value as 'week' | 'month' })}
            >
              <option value="week">week</option>
              <option value="month">month</option>
            </Select>
          ) : null}
        </fieldset>
        <p className="mt-1 hidden text-xs text-slate-500 print:block">
          {range.from} to {range.to} (UTC)
        </p>
        <p id={`${id}-summary`} className="mt-3 text-sm text-slate-700">
          {summary}
        </p>
        <div className="mt-2 h-64 w-full min-w-0">{children}</div>
        <details className="mt-3 text-sm">
          <summary className="cursor-pointer font-medium text-brand-700 print:hidden">
            The numbers behind the chart
          </summary>
          <div className="mt-2 max-w-full overflow-x-auto">{table}</div>
        </details>
      </figure>
    </Card>
  );
}

/** A plain table of a chart's numbers: a heading row, then one row per point. */
export function NumbersTable({
  caption,
  head,
  rows,
}: {
  caption: string;
  head: string[];
  rows: Array<Array<string | number>>;
}) {
  return (
    <table className="w-full text-left text-xs tabular-nums">
      <caption className="sr-only">{caption}</caption>
      <thead className="border-b border-slate-200 text-slate-600">
        <tr>
          {head.map((h) => (
            <th key={h} scope="col" className="px-2 py-1 font-semibold whitespace-nowrap">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((r, i) => (
          <tr key={i}>
            {r.map((c, j) =>
              j === 0 ? (
                <th key={j} scope="row" className="px-2 py-1 font-normal whitespace-nowrap">
                  {c}
                </th>
              ) : (
                <td key={j} className="px-2 py-1">
                  {c}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A period's first day (YYYY-MM-DD) as an axis label. */
export const periodLabel = (day: string, by: 'week' | 'month' = 'week') =>
  (by === 'month' ? formatMonth : formatDayMonth)(new Date(`${day}T00:00:00Z`));

export const AXIS = { fontSize: 11, fill: '#475569' };
