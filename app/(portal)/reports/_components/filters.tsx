'use client';

import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useId, useState } from 'react';
import { useTRPC } from '../../../_trpc/client.tsx';
import { Combobox } from '../../../_components/ui/combobox.tsx';
import { DateField } from '../../../_components/ui/date-field.tsx';
import { formatDay } from '../../../_components/ui/format.ts';
import { Select } from '../../../_components/ui/text-field.tsx';
import { SOURCE_LABEL, SOURCES, today } from './labels.ts';
import { DayText } from '@/app/_components/ui/day-text.tsx';

export type TSubjectKind = 'entitlement' | 'role' | 'application' | 'person' | 'department';

/** A labelled filter for a control that takes the label's id (a SubjectPicker): the label above it, as a Field has it. */
export function Filter({
  label,
  children,
  className = '',
}: {
  label: string;
  children: (id: string) => React.ReactNode;
  className?: string;
}) {
  const id = useId();
  return (
    <div className={`min-w-0 ${className}`}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <div className="mt-1">{children(id)}</div>
    </div>
  );
}

export function FilterBar({ children }: { children: React.ReactNode }) {
  return (
    <div className="mb-4 grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3 print:hidden">{children}</div>
  );
}

/** A picker over what a report can be asked about (reports.lookup): entitlements, roles, applications, people, departments. */
export function SubjectPicker({
  kind,
  id,
  value,
  onChange,
  placeholder,
}: {
  kind: TSubjectKind;
  id: string;
  value: { id: string; label: string } | null;
  onChange: (id: string | null) => void;
  placeholder: string;
}) {
  const trpc = useTRPC();
  const [search, setSearch] = useState({ query: '', open: false });
  const query = useDeferredValue(search.query);
  const results = useQuery({
    ...trpc.reports.lookup.queryOptions({ kind, query, limit: 12 }),
    enabled: search.open,
  });
  return (
    <Combobox
      id={id}
      value={value}
      onChange={(o) => onChange(o?.id ?? null)}
      options={results.data ?? []}
      searching={results.isPending}
      searched={results.isFetched}
      onSearch={(q, open) => setSearch({ query: q, open })}
      placeholder={placeholder}
      clearLabel="Clear"
    />
  );
}

/** The name of what a page's URL names by id (reports.lookup by id), for its picker. */
export function useSubjectName(kind: TSubjectKind, id: string | undefined): string | undefined {
  const trpc = useTRPC();
  const found = useQuery({
    ...trpc.reports.lookup.queryOptions({ kind, query: '', id, limit: 1 }),
    enabled: Boolean(id),
  });
  return found.data?.[0]?.label;
}

/** The application a report is narrowed to, named from the URL's id. */
export function ApplicationFilter({
  value,
  onChange,
}: {
  value: string | undefined;
  onChange: (id: string | null) => void;
}) {
  const name = useSubjectName('application', value);
  return (
    <Filter label="Application">
      {(id) => (
        <SubjectPicker
          kind="application"
          id={id}
          value={value ? { id: value, label: name ?? '…' } : null}
          onChange={onChange}
          placeholder="Every application"
        />
      )}
    </Filter>
  );
}

/** The department a report is narrowed to (a department is its own name). */
export function DepartmentFilter({
  value,
  onChange,
}: {
  value: string | undefined;
  onChange: (id: string | null) => void;
}) {
  return (
    <Filter label="Department">
      {(id) => (
        <SubjectPicker
          kind="department"
          id={id}
          value={value ? { id: value, label: value } : null}
          onChange={onChange}
          placeholder="Every department"
        />
      )}
    </Filter>
  );
}

/** A window of days chosen from a few, plus whatever the URL names; the default is left out of the URL. */
export function DaysFilter({
  label,
  days,
  defaultDays,
  windows,
  onChange,
}: {
  label: string;
  days: number;
  defaultDays: number;
  windows: readonly number[];
  onChange: (v: string | null) => void;
}) {
  const choices = windows.includes(days) ? windows : [...windows, days].sort((a, b) => a - b);
  return (
    <Select
      label={label}
      value={String(days)}
      onChange={(e) => onChange(e.target.value === String(defaultDays) ? null : e.target.value)}
    >
      {choices.map((d) => (
        <option key={d} value={d}>
          {d} days
        </option>
      ))}
    </Select>
  );
}

/** Which source of access a report is narrowed to (request, birthright, …). */
export function SourceSelect({
  value,
  onChange,
}: {
  value: string | undefined;
  onChange: (v: string | null) => void;
}) {
  return (
    <Select label="Source" value={value ?? ''} onChange={(e) => onChange(e.target.value || null)}>
      <option value="">Any source</option>
      {SOURCES.map((s) => (
        <option key={s} value={s}>
          {SOURCE_LABEL[s]}
        </option>
      ))}
    </Select>
  );
}

/** The day a report answers for (a UTC day, as the reports read dates); empty is today (now). */
export function AsOfField({
  value,
  onChange,
}: {
  value: string | undefined;
  onChange: (v: string | null) => void;
}) {
  return (
    <div className="flex min-w-0 items-end gap-2">
      <DateField
        label="As of (leave empty for today)"
        settle={400}
        value={value ?? ''}
        max={today()}
        onChange={(day) => onChange(day || null)}
        className="flex-1"
      />
      {value ? (
        <button
          type="button"
          onClick={() => onChange(null)}
          className="shrink-0 rounded-md px-2 py-2 text-sm text-brand-700 hover:bg-brand-50"
        >
          Today
        </button>
      ) : null}
    </div>
  );
}

/** "Download CSV": a plain link to the report's export with the page's filters (the route streams and audits it). */
export function DownloadCsv({ report, query }: { report: string; query: string }) {
  return (
    <a
      href={`/api/reports/${report}/export${query ? `?${query}` : ''}`}
      download
      className="inline-flex items-center gap-1.5 rounded-md bg-white px-3.5 py-2 text-sm font-medium text-slate-800 shadow-xs ring-1 ring-slate-300 ring-inset hover:bg-slate-50 print:hidden"
    >
      <span aria-hidden>⤓</span> Download CSV
    </a>
  );
}

/** A one-line note of the moment a report answers for. */
export function AsOfNote({ at, asOf }: { at: Date | undefined; asOf: string | undefined }) {
  if (!at) return null;
  return (
    <p className="mb-3 text-sm text-slate-600">
      {asOf ? (
        <>
          As it stood at the end of <strong>{formatDay(asOf)}</strong> (UTC), from the access history.
        </>
      ) : (
        <>
          As it stands now (<DayText at={at} to="minute" />
          ).
        </>
      )}
    </p>
  );
}
