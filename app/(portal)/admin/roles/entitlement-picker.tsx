'use client';

import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useId, useState } from 'react';
import { useTRPC } from '../../../_trpc/client.tsx';
import { RiskBadge } from '../../../_components/ui/badge.tsx';
import { SearchField } from '@/app/_components/ui/search-field.tsx';
import { Select } from '@/app/_components/ui/text-field.tsx';

export type TPicked = { id: string; name: string; applicationName: string };

/** Entitlements picked across applications: choose an application, tick what the role bundles. */
export function EntitlementPicker({
  picked,
  onChange,
  error,
}: {
  picked: TPicked[];
  onChange: (picked: TPicked[]) => void;
  error: string | null;
}) {
  const trpc = useTRPC();
  const ids = { error: useId() };
  const apps = useQuery(trpc.applications.list.queryOptions());
  const [chosenId, setChosenId] = useState('');
  const applicationId = chosenId || apps.data?.[0]?.id || '';
  const application = apps.data?.find((a) => a.id === applicationId);
  const [filter, setFilter] = useState('');
  const q = useDeferredValue(filter.toLowerCase());
  const entitlements = useQuery({
    ...trpc.catalogAdmin.listEntitlements.queryOptions({ applicationId }),
    enabled: applicationId !== '',
  });
  const visible = (entitlements.data ?? []).filter(
    (e) => !q || e.name.toLowerCase().includes(q) || e.externalId.toLowerCase().includes(q),
  );
  const isPicked = (id: string) => picked.some((p) => p.id === id);
  const toggle = (e: { id: string; name: string }) =>
    onChange(
      isPicked(e.id)
        ? picked.filter((p) => p.id !== e.id)
        : [...picked, { id: e.id, name: e.name, applicationName: application?.name ?? '' }],
    );

  return (
    <fieldset
      aria-describedby={error ? ids.error : undefined}
      className="rounded-md border border-slate-200 p-3"
    >
      <legend className="px-1 text-sm font-medium text-slate-700">
        Bundled entitlements <span className="text-red-600">*</span>
      </legend>
      <ul aria-label="Bundled entitlements" className="flex min-h-8 flex-wrap gap-1.5">
        {picked.map((p) => (
          <li
            key={p.id}
            className="inline-flex items-center gap-1 rounded-md bg-brand-50 py-0.5 pr-0.5 pl-2 text-xs text-brand-800 ring-1 ring-brand-100"
          >
            {p.name}
            <span className="text-brand-700">· {p.applicationName}</span>
            <button
              type="button"
              onClick={() => onChange(picked.filter((x) => x.id !== p.id))}
              aria-label={`Remove ${p.name}`}
              className="rounded p-0.5 hover:bg-brand-100"
            >
              <svg viewBox="0 0 20 20" className="size-3.5" fill="currentColor" aria-hidden>
                <path d="M6.28 5.22a.75.75 0 0 0-1.06 1.06L8.94 10l-3.72 3.72a.75.75 0 1 0 1.06 1.06L10 11.06l3.72 3.72a.75.75 0 1 0 1.06-1.06L11.06 10l3.72-3.72a.75.75 0 0 0-1.06-1.06L10 8.94 6.28 5.22Z" />
              </svg>
            </button>
          </li>
        ))}
        {picked.length === 0 ? (
          <li className="py-1 text-sm text-slate-500">Nothing yet: tick entitlements below.</li>
        ) : null}
      </ul>
      {error ? (
        <p id={ids.error} className="mt-1 text-xs font-medium text-red-700">
          {error}
        </p>
      ) : null}
      <div className="mt-3 grid gap-2 sm:grid-cols-2">
        <Select label="From application" value={applicationId} onChange={(e) => setChosenId(e.target.value)}>
          {apps.data?.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </Select>
        <SearchField
          label="Filter"
          value={filter}
          onChange={setFilter}
          delay={0}
          placeholder="Name or target ID"
        />
      </div>
      <ul
        aria-label={`Entitlements in ${application?.name ?? 'the application'}`}
        className="mt-2 max-h-56 divide-y divide-slate-100 overflow-y-auto rounded-md border border-slate-200"
      >
        {visible.map((e) => (
          <li key={e.id}>
            <label className="flex cursor-pointer items-center gap-2 px-3 py-1.5 text-sm hover:bg-slate-50">
              <input
                type="checkbox"
                checked={isPicked(e.id)}
                onChange={() => toggle(e)}
                className="size-4 accent-brand-600"
              />
              <span className="min-w-0 flex-1 truncate text-slate-800">{e.name}</span>
              <RiskBadge risk={e.risk} />
            </label>
          </li>
        ))}
        {entitlements.data && visible.length === 0 ? (
          <li className="px-3 py-2 text-sm text-slate-500">Nothing matches.</li>
        ) : null}
        {entitlements.isPending && applicationId ? (
          <li className="px-3 py-2 text-sm text-slate-500">Loading…</li>
        ) : null}
      </ul>
    </fieldset>
  );
}
