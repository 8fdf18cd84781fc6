'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useTRPC } from '../../../_trpc/client.tsx';
import { Badge, RiskBadge } from '../../../_components/ui/badge.tsx';
import { PageHeader } from '../../../_components/ui/card.tsx';
import { type ColumnDef, DataTable } from '../../../_components/ui/data-table.tsx';
import { formatDate } from '../../../_components/ui/format.ts';
import { QueryState } from '../../../_components/ui/query-state.tsx';
import {
  ApplicationFilter,
  DaysFilter,
  DepartmentFilter,
  DownloadCsv,
  FilterBar,
  SourceSelect,
} from '../_components/filters.tsx';
import { SOURCE_LABEL, sourceParam } from '../_components/labels.ts';
import type { TExpiringRow } from '../_components/types.ts';
import { useReportParams } from '../_components/use-report-params.ts';
import { whyLine } from '../_components/why.tsx';
import { PersonCell } from '../_components/person-cell.tsx';

const FILTERS = ['days', 'application', 'department', 'source'] as const;
const WINDOWS = [7, 14, 30, 60, 90, 180, 365];

const columns: ColumnDef<TExpiringRow>[] = [
  {
    id: 'ends',
    header: 'Ends',
    cell: ({ row: { original: r } }) => (
      <span className="whitespace-nowrap">
        {formatDate(r.endsAt)}
        <span className="block text-xs text-slate-500">
          {r.daysLeft === 1 ? 'within a day' : `in ${r.daysLeft} days`}
        </span>
      </span>
    ),
  },
  {
    id: 'person',
    header: 'Person',
    cell: ({ row: { original: r } }) => <PersonCell person={r} />,
  },
  {
    id: 'access',
    header: 'Access',
    cell: ({ row: { original: r } }) => (
      <div className="min-w-0">
        <span className="font-medium text-slate-900">{r.item.name}</span>
        <span className="block text-xs text-slate-500">
          {r.item.kind === 'ROLE' ? 'Business role' : r.item.applicationName}
        </span>
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
          <Link
            href={`/reports/grants/${r.grantId}`}
            className="text-xs font-medium text-brand-700 hover:underline"
          >
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
    trpc.reports.expiring.infiniteQueryOptions(
      { ...f, days, source: sourceParam(f.source), limit: 50 },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
  );
  const rows = report.data?.pages.flatMap((p) => p.rows) ?? [];
  return (
    <>
      <PageHeader
        title="Expiring access"
        description="Grants whose end date falls within the next days, soonest first: each ends on its own unless someone asks for an extension."
        actions={<DownloadCsv report="expiring" query={query} />}
      />
      <FilterBar>
        <DaysFilter
          label="Ending within"
          days={days}
          defaultDays={30}
          windows={WINDOWS}
          onChange={(v) => set({ days: v })}
        />
        <ApplicationFilter value={f.application} onChange={(v) => set({ application: v })} />
        <DepartmentFilter value={f.department} onChange={(v) => set({ department: v })} />
        <SourceSelect value={f.source} onChange={(v) => set({ source: v })} />
      </FilterBar>
      <QueryState query={report} loading="Finding access that ends soon">
        <DataTable
          caption={`Access ending within ${days} days`}
          stackOnPhone
          columns={columns}
          rows={rows}
          rowKey={(r) => r.grantId}
          more={{
            hasMore: Boolean(report.hasNextPage),
            loading: report.isFetchingNextPage,
            onLoadMore: () => void report.fetchNextPage(),
          }}
          empty={`Nothing ends within the next ${days} days.`}
        />
      </QueryState>
    </>
  );
}
