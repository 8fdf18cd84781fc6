'use client';

import type { IdentityStatus } from '@/prisma/generated/enums.ts';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useDeferredValue, useState } from 'react';
import { useTRPC } from '../../../_trpc/client.tsx';
import { PageHeader } from '../../../_components/ui/card.tsx';
import { type ColumnDef, DataTable } from '../../../_components/ui/data-table.tsx';
import { countOfTotal, formatDate } from '../../../_components/ui/format.ts';
import { SearchField } from '../../../_components/ui/search-field.tsx';
import { Select } from '../../../_components/ui/text-field.tsx';
import { useCan } from '../../../_components/use-can.ts';
import { IdentityStatusBadge } from './status-badge.tsx';
import { QueryState } from '@/app/_components/ui/query-state.tsx';
import { LinkButton } from '@/app/_components/ui/button.tsx';

type TStatus = IdentityStatus;

/** The identity repository as a searchable directory: status, where each person comes from, and a way in. */
export function IdentitiesView() {
  const trpc = useTRPC();
  const canAdd = useCan('identity.manage');
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<TStatus | ''>('');
  const [department, setDepartment] = useState('');
  const q = useDeferredValue(search.trim());
  // The previous answer stays on screen while a new search loads: a row that is in both keeps its place
  // (and its link) instead of a spinner replacing the table on every keystroke.
  const list = useInfiniteQuery(
    trpc.directory.list.infiniteQueryOptions(
      { search: q || undefined, status: status || undefined, department: department || undefined, limit: 50 },
      { getNextPageParam: (last) => last.nextCursor ?? undefined, placeholderData: keepPreviousData },
    ),
  );
  const first = list.data?.pages[0];
  const people = list.data?.pages.flatMap((p) => p.items) ?? [];
  const columns: ColumnDef<(typeof people)[number]>[] = [
    {
      id: 'name',
      header: 'Name',
      meta: { rowHeader: true },
      cell: ({ row: { original: p } }) => (
        <>
          <Link href={`/admin/identities/${p.id}`} className="font-medium text-brand-700 hover:underline">
            {p.displayName}
          </Link>
          <span className="block text-xs text-slate-500">
            {p.email}
            {p.employeeNumber ? ` · ${p.employeeNumber}` : ''}
          </span>
        </>
      ),
    },
    {
      id: 'department',
      header: 'Department',
      cell: ({ row: { original: p } }) => (
        <>
          {p.department ?? '—'}
          <span className="block text-xs text-slate-500">{p.title ?? ''}</span>
        </>
      ),
    },
    { id: 'manager', header: 'Manager', cell: ({ row: { original: p } }) => p.manager?.displayName ?? '—' },
    {
      id: 'status',
      header: 'Status',
      cell: ({ row: { original: p } }) => <IdentityStatusBadge status={p.status} />,
    },
    {
      id: 'dates',
      header: 'Dates',
      cell: ({ row: { original: p } }) => (
        <span className="text-xs whitespace-nowrap text-slate-600">
          {p.startDate ? `from ${formatDate(p.startDate)}` : ''}
          {p.endDate ? <span className="block">until {formatDate(p.endDate)}</span> : null}
        </span>
      ),
    },
    {
      id: 'sources',
      header: 'Sources',
      meta: { align: 'right' },
      cell: ({ row: { original: p } }) => p.sources,
    },
  ];
  return (
    <>
      <PageHeader
        title="People"
        description="Everyone in the identity repository, as the authoritative sources describe them, with their lifecycle history."
        actions={canAdd ? <LinkButton href="/admin/identities/new">Add a person</LinkButton> : null}
      />
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <SearchField
          label="Search people"
          labelHidden
          value={search}
          onChange={setSearch}
          placeholder="Name, email, username or employee number…"
          phonePlaceholder="Name, email, username, employee no."
          className="min-w-64 flex-1"
        />
        <Select
          label="Status"
          labelHidden
          value={status}
          onChange={(e) => setStatus(e.target.value as TStatus | '')}
        >
          <option value="">Any status</option>
          <option value="ACTIVE">Active</option>
          <option value="PREHIRE">Pre-hire</option>
          <option value="SUSPENDED">Suspended</option>
          <option value="TERMINATED">Left</option>
        </Select>
        <Select
          label="Department"
          labelHidden
          value={department}
          onChange={(e) => setDepartment(e.target.value)}
        >
          <option value="">Every department</option>
          {first?.departments?.map((d) => (
            <option key={d} value={d}>
              {d}
            </option>
          ))}
        </Select>
        {first?.total ? (
          <span className="text-sm text-slate-600">{countOfTotal(first.total, 'person', 'people')}</span>
        ) : null}
      </div>
      <QueryState query={list} loading="Loading people">
        <DataTable
          caption="People"
          stackOnPhone
          columns={columns}
          rows={people}
          rowKey={(p) => p.id}
          empty="Nobody matches."
          stale={list.isPlaceholderData}
          more={{
            hasMore: Boolean(list.hasNextPage),
            loading: list.isFetchingNextPage,
            onLoadMore: () => void list.fetchNextPage(),
            total: first?.total ?? null,
          }}
        />
      </QueryState>
    </>
  );
}
