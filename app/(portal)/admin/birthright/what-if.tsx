'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../../../_trpc/client.tsx';
import { Card, Spinner } from '../../../_components/ui/card.tsx';
import type { inferRouterInputs } from '@trpc/server';
import type { AppRouter } from '@/server/trpc/root.ts';
import { countOf } from '@/app/_components/ui/format.ts';
import { QueryError } from '@/app/_components/ui/query-state.tsx';

type TDraftInput = inferRouterInputs<AppRouter>['birthright']['preview']['draft'];

/** Who would gain and who would lose which access if the draft were saved, with counts and names. */
export function WhatIf({ ruleId, draft }: { ruleId?: string; draft: TDraftInput | null }) {
  const trpc = useTRPC();
  const preview = useQuery({
    ...trpc.birthright.preview.queryOptions({ ...(ruleId ? { ruleId } : {}), draft: draft! }),
    enabled: draft !== null,
    placeholderData: keepPreviousData,
  });
  return (
    <Card className="sticky top-4 p-5">
      <h2 className="font-semibold text-slate-900">What if you save</h2>
      {draft === null ? (
        <p className="mt-2 text-sm text-slate-500">
          Name the rule, give every condition a value and choose what it grants to see who it affects.
        </p>
      ) : null}
      {draft !== null && preview.isPending ? <Spinner label="Working it out" /> : null}
      <QueryError query={preview} />
      {draft !== null && preview.data ? (
        <div className={preview.isFetching ? 'opacity-60' : ''}>
          <p className="mt-1 text-sm text-slate-600">
            Matches <strong className="text-slate-900">{preview.data.matchingAfter}</strong> of{' '}
            {countOf(preview.data.population, 'person', 'people')}
            {ruleId ? ` (now ${preview.data.matchingBefore})` : ''}.
          </p>
          <Changes
            title="Would gain"
            tone="text-emerald-700"
            items={preview.data.gains}
            empty="Nobody gains anything."
          />
          <Changes
            title="Would lose"
            tone="text-red-700"
            items={preview.data.losses}
            empty="Nobody loses anything."
          />
          {preview.data.massChange.isHeld ? (
            <p className="mt-3 text-sm font-medium text-red-700">
              Removes access from {countOf(preview.data.massChange.affected, 'person', 'people')} (
              {preview.data.massChange.percent}%): saving needs your confirmation.
            </p>
          ) : null}
        </div>
      ) : null}
    </Card>
  );
}

export type TItem = {
  kind: string;
  id: string;
  name: string;
  application: string | null;
  count: number;
  unaffected: number;
  people: Array<{ id: string; displayName: string }>;
};

/** Gains or losses by item, with counts and names: a birthright rule's what-if and a role edit's. */
export function Changes({
  title,
  tone,
  items,
  empty,
}: {
  title: string;
  tone: string;
  items: TItem[];
  empty: string;
}) {
  const total = items.reduce((n, i) => n + i.count, 0);
  return (
    <section className="mt-4" aria-label={title}>
      <h3 className={`text-sm font-semibold ${tone}`}>
        {title} {total ? `(${total})` : ''}
      </h3>
      {items.filter((i) => i.count || i.unaffected).length === 0 ? (
        <p className="text-sm text-slate-500">{empty}</p>
      ) : null}
      <ul className="mt-1 space-y-2">
        {items
          .filter((i) => i.count || i.unaffected)
          .map((i) => (
            <Item key={`${i.kind}:${i.id}`} item={i} />
          ))}
      </ul>
    </section>
  );
}

function Item({ item }: { item: TItem }) {
  const [open, setOpen] = useState(false);
  const shown = open ? item.people : item.people.slice(0, 5);
  return (
    <li className="rounded-md border border-slate-200 p-2 text-sm">
      <p className="font-medium text-slate-900">
        {item.name} <span className="font-normal text-slate-500">· {item.application ?? 'role'}</span>
      </p>
      <p className="text-slate-700">
        {item.count} {item.count === 1 ? 'person' : 'people'}
        {item.unaffected ? (
          <span className="text-slate-500"> ({item.unaffected} already hold it another way)</span>
        ) : null}
      </p>
      {shown.length ? (
        <p className="mt-1 text-xs text-slate-600">
          {shown.map((p) => p.displayName).join(', ')}
          {!open && item.people.length > 5 ? '…' : ''}
        </p>
      ) : null}
      {item.people.length > 5 ? (
        <button
          type="button"
          onClick={() => setOpen(!open)}
          className="mt-1 text-xs font-medium text-brand-700 hover:underline"
        >
          {open
            ? 'Show fewer'
            : `Show ${item.count > item.people.length ? `the first ${item.people.length}` : 'all'}`}
        </button>
      ) : null}
    </li>
  );
}
