'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useTRPC } from '../../../_trpc/client.tsx';
import { Badge, RiskBadge } from '../../../_components/ui/badge.tsx';
import { PageHeader } from '../../../_components/ui/card.tsx';
import { type ColumnDef, DataTable } from '../../../_components/ui/data-table.tsx';
import { formatDate } from '../../../_components/ui/format.ts';
import { QueryState } from '../../../_components/ui/query-state.tsx';
import { selectClass } from '../../admin/_components/field.tsx';
import { DownloadCsv, Filter, FilterBar, SourceSelect, SubjectPicker, useSubjectName } from '../_components/filters.tsx';
import { SOURCE_LABEL, sourceParam } from '../_components/labels.ts';
import type { TExpiringRow } from '../_components/types.ts';
import { useReportParams } from '../_components/use-report-params.ts';
import { whyLine } from '../_components/why.tsx';

const FILTERS = ['days', 'application', 'department', 'source'] as const;
const WINDOWS = [7, 14, 30, 60, 90, 180, 365];

const columns: ColumnDef<TExpiringRow>[] = [
  {
    id: 'ends',
    header: 'Ends',
    cell: ({ row: { original: r } }) => (
      <span className="whitespace-nowrap">
        {formatDate(r.endsAt)}
        <span className="block text-xs text-slate-500">{r.daysLeft === 1 ? 'within a day' : `in ${r.daysLeft} days`}</span>
      </span>
    ),
  },
  {
    id: 'person',
    header: 'Person',
    cell: ({ row: { original: r } }) => (
      <div className="min-w-0">
        <Link href={`/reports/person?person=${r.identityId}`} className="font-medium text-brand-700 hover:underline print:text-slate-900">
          {r.displayName}
        </Link>
        <span className="block text-xs text-slate-500">
          {r.username}
          {r.department ? ` · ${r.department}` : ''}
        </span>
      </div>
    ),
  },
  {
    id: 'access',
    header: 'Access',
    cell: ({ row: { original: r } }) => (
      <div className="min-w-0">
        <span className="font-medium text-slate-900">{r.item.name}</span>
        <span className="block text-xs text-slate-500">{r.item.kind === 'ROLE' ? 'Business role' : r.item.applicationName}</span>
        {r.item.risk !== 'LOW' ? <RiskBadge risk={r.item.risk} /> : null}
      </div>
    ),
  },
  {
    id: 'why',
    header: 'Why',
    cell: ({ row: { original: r } }) =>
      r.why ? (
        <div className="min-w-0">
          <Badge tone="gray">{SOURCE_LABEL[r.why.source]}</Badge> {whyLine(r.why)}{' '}
          <Link href={`/reports/grants/${r.grantId}`} className="text-xs font-medium text-brand-700 hover:underline">
            Evidence
          </Link>
        </div>
      ) : null,
  },
];

/** Access that ends soon unless someone extends it (dormant access is its own report). */
export function ExpiringView() {
  const trpc = useTRPC();
  const [f, set, query] = useReportParams(FILTERS);
  const days = Number(f.days ?? 30);
  const report = useInfiniteQuery(
    trpc.reports.expiring.infiniteQueryOptions({ ...f, days, source: sourceParam(f.source), limit: 50 }, { getNextPageParam: (last) => last.nextCursor ?? undefined }),
  );
  const rows = report.data?.pages.flatMap((p) => p.rows) ?? [];
  const application = useSubjectName('application', f.application);
  return (
    <>
      <PageHeader
        title="Expiring access"
        description="Grants whose end date falls within the next days, soonest first: each ends on its own unless someone asks for an extension."
        actions={<DownloadCsv report="expiring" query={query} />}
      />
      <FilterBar>
        <Filter label="Ending within">
          {(id) => (
            <select id={id} value={String(days)} onChange={(e) => set({ days: e.target.value === '30' ? null : e.target.value })} className={`${selectClass} w-full`}>
              {(WINDOWS.includes(days) ? WINDOWS : [...WINDOWS, days].sort((a, b) => a - b)).map((d) => (
                <option key={d} value={d}>
                  {d} days
                </option>
              ))}
            </select>
          )}
        </Filter>
        <Filter label="Application">{(id) => <SubjectPicker kind="application" id={id} value={f.application ? { id: f.application, label: application ?? '…' } : null} onChange={(v) => set({ application: v })} placeholder="Every application" />}</Filter>
        <Filter label="Department">{(id) => <SubjectPicker kind="department" id={id} value={f.department ? { id: f.department, label: f.department } : null} onChange={(v) => set({ department: v })} placeholder="Every department" />}</Filter>
        <Filter label="Source">{(id) => <SourceSelect id={id} value={f.source} onChange={(v) => set({ source: v })} />}</Filter>
      </FilterBar>
      <QueryState query={report} loading="Finding access that ends soon">
        <DataTable
          caption={`Access ending within ${days} days`}
          columns={columns}
          rows={rows}
          rowKey={(r) => r.grantId}
          more={{ hasMore: Boolean(report.hasNextPage), loading: report.isFetchingNextPage, onLoadMore: () => void report.fetchNextPage() }}
          empty={`Nothing ends within the next ${days} days.`}
        />
      </QueryState>
    </>
  );
}
