'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import Link from 'next/link';
import type { z } from 'zod';
import type {
  TRequestReportRowView,
  ZListRequestsInput,
} from '@/server/trpc/routers/request-reports/list-requests.schema.ts';
import { useTRPC } from '../../../_trpc/client.tsx';
import { Badge, StateBadge } from '../../../_components/ui/badge.tsx';
import { PageHeader } from '../../../_components/ui/card.tsx';
import { DataTable, type ColumnDef } from '../../../_components/ui/data-table.tsx';
import { formatDate, formatInstant } from '../../../_components/ui/format.ts';
import { QueryState } from '../../../_components/ui/query-state.tsx';
import { FilterForm, type TFilterField } from '../_components/filter-form.tsx';
import { DownloadCsv } from '../_components/filters.tsx';
import { useFilterParams } from '../_components/use-filter-params.ts';

const KEYS = ['number', 'requester', 'beneficiary', 'item', 'approver', 'status', 'from', 'to'] as const;

const FIELDS: TFilterField[] = [
  { name: 'number', label: 'Request number', type: 'text', placeholder: 'REQ-3F9A01BC' },
  { name: 'requester', label: 'Requester', type: 'text', placeholder: 'Name, username or email' },
  { name: 'beneficiary', label: 'For', type: 'text', placeholder: 'Name, username or email' },
  { name: 'approver', label: 'Approver', type: 'text', placeholder: 'Asked or decided' },
  { name: 'item', label: 'Access', type: 'text', placeholder: 'Entitlement, role or application' },
  {
    name: 'status',
    label: 'Status',
    type: 'select',
    any: 'Any status',
    options: [
      { value: 'PENDING', label: 'Waiting for approval' },
      { value: 'APPROVED', label: 'Approved' },
      { value: 'DENIED', label: 'Denied' },
      { value: 'CANCELLED', label: 'Cancelled' },
      { value: 'EXPIRED', label: 'Expired' },
    ],
  },
  { name: 'from', label: 'Submitted from (UTC)', type: 'date' },
  { name: 'to', label: 'Submitted to (UTC)', type: 'date' },
];

const columns: ColumnDef<TRequestReportRowView>[] = [
  {
    header: 'Request',
    cell: ({ row: { original: r } }) => (
      <>
        <Link
          href={`/reports/requests/${r.id}`}
          className="font-mono font-medium whitespace-nowrap text-brand-700 hover:underline"
        >
          {r.number}
        </Link>
        <span className="block text-xs whitespace-nowrap text-slate-500">{formatInstant(r.createdAt)}</span>
      </>
    ),
  },
  {
    header: 'Access',
    cell: ({ row: { original: r } }) => (
      <>
        <span className="font-medium">
          {r.kind === 'EXTEND' ? 'Extend ' : ''}
          {r.item.name}
        </span>
        <span className="block text-xs text-slate-500">{r.item.applicationName ?? 'Role'}</span>
      </>
    ),
  },
  {
    header: 'For',
    cell: ({ row: { original: r } }) => (
      <>
        {r.beneficiary.displayName}
        {r.requester.id !== r.beneficiary.id ? (
          <span className="block text-xs text-slate-500">asked by {r.requester.displayName}</span>
        ) : null}
      </>
    ),
  },
  {
    header: 'Status',
    cell: ({ row: { original: r } }) => (
      <div className="flex flex-col items-start gap-1">
        <StateBadge state={r.status} />
        {r.decidedAt ? (
          <span className="text-xs whitespace-nowrap text-slate-500">{formatDate(r.decidedAt)}</span>
        ) : null}
      </div>
    ),
  },
  {
    header: 'Decided by',
    cell: ({ row: { original: r } }) =>
      r.autoApprovalRule ? (
        <Badge tone="green" title={`Rule “${r.autoApprovalRule}”`}>
          Automatically
        </Badge>
      ) : r.decisions.length ? (
        <ul className="space-y-0.5 sm:min-w-36">
          {r.decisions.map((d, i) => (
            <li key={i}>
              {d.decidedBy}
              <span className="text-xs text-slate-500">
                {' '}
                {d.decision === 'APPROVED' ? 'approved' : 'denied'}
                {d.onBehalfOf ? ` for ${d.onBehalfOf}` : ''}
                {r.stageCount > 1 ? ` · ${d.stage}` : ''}
              </span>
              {d.comment ? <span className="block text-xs text-slate-600">“{d.comment}”</span> : null}
            </li>
          ))}
        </ul>
      ) : r.pendingWith.length ? (
        <span className="text-xs text-slate-600">Waiting for {r.pendingWith.join(', ')}</span>
      ) : (
        <span className="text-slate-500">—</span>
      ),
  },
  {
    header: 'Justification',
    cell: ({ row: { original: r } }) => (
      <span className="block max-w-md text-slate-700 [overflow-wrap:anywhere] sm:min-w-48">
        {r.justification}
      </span>
    ),
  },
];

/** Every request, searchable, for auditors: who asked for what for whom, why, and who decided. */
export function RequestsReportView() {
  const trpc = useTRPC();
  const { values, query, apply } = useFilterParams(KEYS);
  const list = useInfiniteQuery(
    trpc.requestReports.listRequests.infiniteQueryOptions(
      { ...values, status: values.status as z.input<typeof ZListRequestsInput>['status'], limit: 50 },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
  );
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <PageHeader
        title="All requests"
        description="Every access request, newest first: who asked for what, for whom and why, who was asked to approve it and what they decided. Open a request for its full evidence."
        actions={<DownloadCsv report="requests" query={query} />}
      />
      <FilterForm label="Filter requests" fields={FIELDS} values={values} onApply={apply} />
      <QueryState query={list} loading="Loading requests">
        <DataTable
          caption="Requests"
          stackOnPhone
          columns={columns}
          rows={rows}
          rowKey={(r) => r.id}
          empty="No request matches these filters."
          more={{
            hasMore: list.hasNextPage,
            loading: list.isFetchingNextPage,
            onLoadMore: () => void list.fetchNextPage(),
            total: list.data?.pages[0]?.total ?? null,
          }}
        />
      </QueryState>
    </>
  );
}
