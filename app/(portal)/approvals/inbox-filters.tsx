'use client';

import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { useTRPC } from '../../_trpc/client.tsx';

export const INBOX_KEYS = ['status', 'q', 'risk', 'app', 'person', 'sort', 'request'] as const;
export type TInboxParams = Record<(typeof INBOX_KEYS)[number], string>;

const SORTS = { OLDEST: 'Oldest first', NEWEST: 'Newest first', RISK: 'Highest risk first', DUE: 'Due soonest' } as const;
const select = 'mt-1 w-full rounded-md border border-slate-300 bg-white px-2 py-2 text-sm';

/** Search, filters and order, all in the query string (a link reproduces the view). */
export function InboxFilters({ values, apply }: { values: TInboxParams; apply: (next: Partial<TInboxParams>) => void }) {
  const trpc = useTRPC();
  const status = values.status === 'DECIDED' ? 'DECIDED' : 'PENDING';
  const facets = useQuery(trpc.approvals.facets.queryOptions({ status }));
  const ids = { q: useId(), risk: useId(), app: useId(), person: useId(), sort: useId() };
  const [text, setText] = useState(values.q);
  // Typing searches after a short pause, without a page load per key.
  useEffect(() => {
    if (text.trim() === values.q) return;
    const timer = setTimeout(() => apply({ q: text }), 300);
    return () => clearTimeout(timer);
    // apply changes identity every render; the text is what matters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text]);

  return (
    <form role="search" aria-label="Filter approvals" onSubmit={(e) => (e.preventDefault(), apply({ q: text }))} className="mb-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-[2fr_1fr_1fr_1fr_1fr]">
      <div className="min-w-0">
        <label htmlFor={ids.q} className="block text-sm font-medium text-slate-700">
          Search
        </label>
        <input
          id={ids.q}
          type="search"
          value={text}
          maxLength={200}
          onChange={(e) => setText(e.target.value)}
          placeholder="Person, access or reason"
          className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
        />
      </div>
      <div className="min-w-0">
        <label htmlFor={ids.risk} className="block text-sm font-medium text-slate-700">
          Risk
        </label>
        <select id={ids.risk} value={values.risk} onChange={(e) => apply({ risk: e.target.value })} className={select}>
          <option value="">Any risk</option>
          <option value="HIGH">High</option>
          <option value="MEDIUM">Medium</option>
          <option value="LOW">Low</option>
        </select>
      </div>
      <div className="min-w-0">
        <label htmlFor={ids.app} className="block text-sm font-medium text-slate-700">
          Application
        </label>
        <select id={ids.app} value={values.app} onChange={(e) => apply({ app: e.target.value })} className={select}>
          <option value="">All applications</option>
          {facets.data?.applications.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </div>
      <div className="min-w-0">
        <label htmlFor={ids.person} className="block text-sm font-medium text-slate-700">
          Person
        </label>
        <select id={ids.person} value={values.person} onChange={(e) => apply({ person: e.target.value })} className={select}>
          <option value="">Anyone</option>
          {facets.data?.people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.displayName}
            </option>
          ))}
        </select>
      </div>
      <div className="min-w-0">
        <label htmlFor={ids.sort} className="block text-sm font-medium text-slate-700">
          Order
        </label>
        <select id={ids.sort} value={values.sort || (status === 'PENDING' ? 'OLDEST' : 'NEWEST')} onChange={(e) => apply({ sort: e.target.value })} className={select}>
          {Object.entries(SORTS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
    </form>
  );
}
