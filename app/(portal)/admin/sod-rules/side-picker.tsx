'use client';

import type { RiskLevel } from '@/prisma/generated/enums.ts';
import { useDeferredValue, useState } from 'react';
import { RiskBadge } from '../../../_components/ui/badge.tsx';
import { SearchField } from '@/app/_components/ui/search-field.tsx';

export type TSodItem = {
  kind: 'ENTITLEMENT' | 'ROLE';
  id: string;
  name: string;
  risk: RiskLevel;
  application: string | null;
};

/** One side of a rule: entitlements of any application and roles, picked from a filtered list. */
export function SidePicker({
  label,
  items,
  picked,
  onChange,
  exclude,
  required = true,
  whenEmpty = 'Nothing yet.',
}: {
  label: string;
  items: TSodItem[];
  picked: TSodItem[];
  onChange: (p: TSodItem[]) => void;
  exclude: Set<string>;
  /** A rule's side needs something on it; a picker where nothing picked means "all" is not required. */
  required?: boolean;
  /** What an empty pick says (what it means, where nothing is not "not yet"). */
  whenEmpty?: string;
}) {
  const [filter, setFilter] = useState('');
  const q = useDeferredValue(filter.toLowerCase());
  const isPicked = (id: string) => picked.some((p) => p.id === id);
  const visible = items
    .filter(
      (i) =>
        !exclude.has(i.id) &&
        (!q || i.name.toLowerCase().includes(q) || (i.application ?? 'role').toLowerCase().includes(q)),
    )
    .slice(0, 60);
  return (
    <fieldset className="min-w-0 rounded-md border border-slate-200 p-3">
      <legend className="px-1 text-sm font-medium text-slate-700">
        {label}
        {required ? <span className="text-red-600"> *</span> : null}
      </legend>
      <ul aria-label={label} className="flex min-h-7 flex-wrap gap-1.5">
        {picked.map((p) => (
          <li
            key={p.id}
            className="inline-flex items-center gap-1 rounded-md bg-brand-50 py-0.5 pr-0.5 pl-2 text-xs text-brand-800 ring-1 ring-brand-100"
          >
            {p.name}
            <span className="text-brand-700">· {p.application ?? 'role'}</span>
            <button
              type="button"
              aria-label={`Remove ${p.name}`}
              onClick={() => onChange(picked.filter((x) => x.id !== p.id))}
              className="rounded px-1 hover:bg-brand-100"
            >
              ×
            </button>
          </li>
        ))}
        {picked.length === 0 ? <li className="text-sm text-slate-500">{whenEmpty}</li> : null}
      </ul>
      <SearchField
        label={`Filter ${label}`}
        labelHidden
        value={filter}
        onChange={setFilter}
        delay={0}
        placeholder="Filter entitlements and roles…"
        className="mt-2"
      />
      <ul className="mt-2 max-h-48 divide-y divide-slate-100 overflow-y-auto rounded-md border border-slate-200">
        {visible.map((i) => (
          <li key={i.id}>
            <label className="flex cursor-pointer items-center gap-2 px-3 py-1.5 text-sm hover:bg-slate-50">
              <input
                type="checkbox"
                checked={isPicked(i.id)}
                onChange={() =>
                  onChange(isPicked(i.id) ? picked.filter((p) => p.id !== i.id) : [...picked, i])
                }
                className="size-4 accent-brand-600"
              />
              <span className="min-w-0 flex-1 truncate text-slate-800">
                {i.name} <span className="text-slate-600">· {i.application ?? 'role'}</span>
              </span>
              <RiskBadge risk={i.risk} />
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
