'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../../../_trpc/client.tsx';
import { Button } from '../../../_components/ui/button.tsx';
import { Field } from '@/app/_components/ui/field.tsx';
import { Select } from '@/app/_components/ui/text-field.tsx';
import {
  OPEN_STATUSES,
  OPERATION_STATUSES,
  OperationList,
  statusLabel,
  type TOperationStatus,
} from '../_components/operations.tsx';
import { PeoplePicker, type TPerson } from '../_components/people-picker.tsx';
import { QueryState } from '@/app/_components/ui/query-state.tsx';

/** Every operation, newest first, narrowed by status, application and person. */
export function RecentOperations({ applications }: { applications: Array<{ id: string; name: string }> }) {
  const trpc = useTRPC();
  const [statuses, setStatuses] = useState<TOperationStatus[]>([]);
  const [applicationId, setApplicationId] = useState('');
  const [person, setPerson] = useState<TPerson | null>(null);
  const ops = useInfiniteQuery(
    trpc.provisioning.operations.infiniteQueryOptions(
      {
        statuses: statuses.length ? statuses : undefined,
        applicationId: applicationId || undefined,
        identityId: person?.id,
        limit: 25,
      },
      {
        getNextPageParam: (last) => last.nextCursor ?? undefined,
        refetchInterval: (q) =>
          q.state.data?.pages.some((p) => p.items.some((o) => OPEN_STATUSES.includes(o.status)))
            ? 3000
            : false,
      },
    ),
  );
  const items = ops.data?.pages.flatMap((p) => p.items) ?? [];
  const toggle = (s: TOperationStatus) =>
    setStatuses((current) => (current.includes(s) ? current.filter((x) => x !== s) : [...current, s]));
  const filtered = statuses.length > 0 || applicationId !== '' || person !== null;
  return (
    <section aria-labelledby="recent">
      <h2 id="recent" className="mb-3 text-lg font-semibold text-slate-900">
        Recent operations
      </h2>
      <div className="mb-4 grid gap-3 rounded-lg border border-slate-200 bg-white p-3 shadow-xs">
        <div role="group" aria-label="Status" className="flex flex-wrap gap-1.5">
          {OPERATION_STATUSES.map((s) => (
            <button
              key={s}
              type="button"
              aria-pressed={statuses.includes(s)}
              onClick={() => toggle(s)}
              className={`rounded-full px-2.5 py-1 text-xs font-medium ring-1 ring-inset ${
                statuses.includes(s)
                  ? 'bg-brand-600 text-white ring-brand-600'
                  : 'bg-white text-slate-700 ring-slate-300 hover:bg-slate-50'
              }`}
            >
              {statusLabel(s)}
            </button>
          ))}
        </div>
        <div className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_auto] sm:items-end">
          <Select
            label="Application"
            value={applicationId}
            onChange={(e) => setApplicationId(e.target.value)}
          >
            <option value="">All applications</option>
            {applications.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </Select>
          <Field label="Person">
            <PeoplePicker
              value={person}
              onChange={setPerson}
              placeholder="Anyone"
              clearLabel="Show everyone"
            />
          </Field>
          <Button
            variant="ghost"
            disabled={!filtered}
            onClick={() => {
              setStatuses([]);
              setApplicationId('');
              setPerson(null);
            }}
          >
            Clear filters
          </Button>
        </div>
      </div>
      <QueryState query={ops} loading="Loading operations">
        {items.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-6 text-center text-sm text-slate-600">
            No operations match.
          </p>
        ) : (
          <OperationList items={items} label="Recent operations" />
        )}
      </QueryState>
      {ops.hasNextPage ? (
        <div className="mt-4 text-center">
          <Button
            variant="secondary"
            disabled={ops.isFetchingNextPage}
            onClick={() => void ops.fetchNextPage()}
          >
            {ops.isFetchingNextPage ? 'Loading…' : 'Load more'}
          </Button>
        </div>
      ) : null}
    </section>
  );
}
