'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useDeferredValue, useState } from 'react';
import { useTRPC } from '../../../_trpc/client.tsx';
import { Button } from '../../../_components/ui/button.tsx';
import { Card, EmptyState, PageHeader, Spinner } from '../../../_components/ui/card.tsx';
import { countOf, formatDate } from '../../../_components/ui/format.ts';
import { inputClass, selectClass } from '@/app/_components/ui/field.tsx';
import { useCan } from '../../../_components/use-can.ts';
import { IdentityStatusBadge } from './status-badge.tsx';
import { QueryError } from '@/app/_components/ui/query-state.tsx';

type TStatus = 'PREHIRE' | 'ACTIVE' | 'SUSPENDED' | 'TERMINATED';

/** The identity repository as a searchable directory: status, where each person comes from, and a way in. */
export function IdentitiesView() {
  const trpc = useTRPC();
  const canAdd = useCan('identity.manage');
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<TStatus | ''>('');
  const [department, setDepartment] = useState('');
  const q = useDeferredValue(search.trim());
  const list = useInfiniteQuery(
    trpc.directory.list.infiniteQueryOptions(
      { search: q || undefined, status: status || undefined, department: department || undefined, limit: 50 },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
  );
  const first = list.data?.pages[0];
  const people = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <PageHeader
        title="People"
        description="Everyone in the identity repository, as the authoritative sources describe them, with their lifecycle history."
        actions={
          canAdd ? (
            <Link href="/admin/identities/new" className="inline-flex items-center rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white shadow-xs hover:bg-brand-700">
              Add a person
            </Link>
          ) : null
        }
      />
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <label className="min-w-64 flex-1">
          <span className="sr-only">Search people</span>
          <input
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder="Name, email, username or employee number…"
            className={inputClass}
          />
        </label>
        <label>
          <span className="sr-only">Status</span>
          <select
            value={status}
            onChange={(e) => setStatus(e.target.value as TStatus | '')}
            className={selectClass}
          >
            <option value="">Any status</option>
            <option value="ACTIVE">Active</option>
            <option value="PREHIRE">Pre-hire</option>
            <option value="SUSPENDED">Suspended</option>
            <option value="TERMINATED">Left</option>
          </select>
        </label>
        <label>
          <span className="sr-only">Department</span>
          <select value={department} onChange={(e) => setDepartment(e.target.value)} className={selectClass}>
            <option value="">Every department</option>
            {first?.departments.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </label>
        {first ? <span className="text-sm text-slate-500">{countOf(first.total, 'person', 'people')}</span> : null}
      </div>
      {list.isPending ? <Spinner label="Loading people" /> : null}
      <QueryError query={list} />
      {first && people.length === 0 ? <EmptyState title="Nobody matches" /> : null}
      {people.length ? (
        <Card>
          <div className="overflow-x-auto">
            <table className="w-full text-sm">
              <caption className="sr-only">People</caption>
              <thead className="border-b border-slate-200 bg-slate-50 text-left text-xs text-slate-500 uppercase">
                <tr>
                  <th className="px-4 py-2 font-medium">Name</th>
                  <th className="px-4 py-2 font-medium">Department</th>
                  <th className="px-4 py-2 font-medium">Manager</th>
                  <th className="px-4 py-2 font-medium">Status</th>
                  <th className="px-4 py-2 font-medium">Dates</th>
                  <th className="px-4 py-2 text-right font-medium">Sources</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {people.map((p) => (
                  <tr key={p.id} className="hover:bg-slate-50">
                    <td className="px-4 py-2">
                      <Link
                        href={`/admin/identities/${p.id}`}
                        className="font-medium text-brand-700 hover:underline"
                      >
                        {p.displayName}
                      </Link>
                      <span className="block text-xs text-slate-500">
                        {p.email}
                        {p.employeeNumber ? ` · ${p.employeeNumber}` : ''}
                      </span>
                    </td>
                    <td className="px-4 py-2 text-slate-700">
                      {p.department ?? '—'}
                      <span className="block text-xs text-slate-500">{p.title ?? ''}</span>
                    </td>
                    <td className="px-4 py-2 text-slate-700">{p.manager?.displayName ?? '—'}</td>
                    <td className="px-4 py-2">
                      <IdentityStatusBadge status={p.status} />
                    </td>
                    <td className="px-4 py-2 text-xs whitespace-nowrap text-slate-600">
                      {p.startDate ? `from ${formatDate(p.startDate)}` : ''}
                      {p.endDate ? <span className="block">until {formatDate(p.endDate)}</span> : null}
                    </td>
                    <td className="px-4 py-2 text-right text-slate-700">{p.sources}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      ) : null}
      {list.hasNextPage ? (
        <div className="mt-4 flex justify-center">
          <Button
            variant="secondary"
            onClick={() => void list.fetchNextPage()}
            disabled={list.isFetchingNextPage}
          >
            {list.isFetchingNextPage ? 'Loading…' : 'Show more'}
          </Button>
        </div>
      ) : null}
    </>
  );
}
