'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useState } from 'react';

const STATUSES = [
  { value: 'PENDING', label: 'Waiting' },
  { value: 'APPROVED', label: 'Approved' },
  { value: 'DENIED', label: 'Denied' },
  { value: 'CANCELLED', label: 'Cancelled' },
  { value: 'EXPIRED', label: 'Expired' },
] as const;

type TStatus = (typeof STATUSES)[number]['value'];

export type TRequestFilters = { status?: TStatus; search?: string; isFiltered: boolean; set: (key: 'status' | 'q', value: string) => void };

/** My requests' filters live in the address (`?status=PENDING&q=REQ-3F9A`), so a filtered list can be shared and survives a reload. */
export function useRequestFilters(): TRequestFilters {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const raw = params.get('status');
  const status = STATUSES.find((s) => s.value === raw)?.value;
  const search = params.get('q')?.slice(0, 200) || undefined;
  const set = (key: 'status' | 'q', value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    const query = next.toString();
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  };
  return { status, search, isFiltered: Boolean(status || search), set };
}

export function RequestFilters({ filters }: { filters: TRequestFilters }) {
  const [text, setText] = useState(filters.search ?? '');
  // Typing settles for a moment before it becomes the address (and the query).
  useEffect(() => {
    if (text.trim() === (filters.search ?? '')) return;
    const timer = setTimeout(() => filters.set('q', text.trim()), 300);
    return () => clearTimeout(timer);
  }, [text, filters]);
  return (
    <div className="mb-5 flex flex-wrap items-center gap-3">
      <label className="min-w-0 flex-1 basis-64">
        <span className="sr-only">Search by request number or name</span>
        <input
          type="search"
          value={text}
          maxLength={200}
          onChange={(e) => setText(e.target.value)}
          placeholder="Request number (REQ-…) or name"
          className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-xs placeholder:text-slate-500 focus:border-brand-600 focus:outline-none"
        />
      </label>
      <label className="text-sm">
        <span className="sr-only">Status</span>
        <select
          value={filters.status ?? ''}
          onChange={(e) => filters.set('status', e.target.value)}
          className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-xs"
        >
          <option value="">Every status</option>
          {STATUSES.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
