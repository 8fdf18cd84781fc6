'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useTRPC } from '../../../_trpc/client.tsx';
import { Badge } from '../../../_components/ui/badge.tsx';
import { PageHeader } from '../../../_components/ui/card.tsx';
import { type ColumnDef, DataTable } from '../../../_components/ui/data-table.tsx';
import { formatDate } from '../../../_components/ui/format.ts';
import { QueryState } from '../../../_components/ui/query-state.tsx';
import { ApplicationFilter, DepartmentFilter, DownloadCsv, FilterBar } from '../_components/filters.tsx';
import { SOURCE_LABEL, STATUS_LABEL } from '../_components/labels.ts';
import type { TLeaverRow } from '../_components/types.ts';
import { useReportParams } from '../_components/use-report-params.ts';
import { PersonCell } from '../_components/person-cell.tsx';
import { SentenceText } from '@/app/_components/ui/day-text.tsx';

const FILTERS = ['application', 'department'] as const;

const columns: ColumnDef<TLeaverRow>[] = [
  {
    id: 'person',
    header: 'Leaver',
    cell: ({ row: { original: r } }) => (
      <PersonCell person={r}>
        <span className="block text-xs text-slate-600">
          {r.status === 'TERMINATED' ? (
            <SentenceText text={`Left ${formatDate(r.terminatedAt ?? r.endDate)}`} />
          ) : (
            <SentenceText text={`${STATUS_LABEL[r.status]}; end date ${formatDate(r.endDate)} has passed`} />
          )}
        </span>
      </PersonCell>
    ),
  },
  {
    id: 'grants',
    header: 'Active grants',
    cell: ({ row: { original: r } }) =>
      r.grants.length ? (
        <ul className="space-y-1">
          {r.grants.map((g) => (
            <li key={g.grantId}>
              {g.item}
              {g.applicationName ? (
                <span className="text-xs text-slate-500"> ({g.applicationName})</span>
              ) : null}{' '}
              <Badge tone="gray">{SOURCE_LABEL[g.source]}</Badge>{' '}
              <Link
                href={`/reports/grants/${g.grantId}`}
                className="text-xs font-medium text-brand-700 hover:underline"
              >
                Evidence
              </Link>
            </li>
          ))}
        </ul>
      ) : (
        <span className="text-slate-500">None</span>
      ),
  },
  {
    id: 'accounts',
    header: 'Accounts still enabled',
    cell: ({ row: { original: r } }) =>
      r.accounts.length ? (
        <ul className="space-y-1">
          {r.accounts.map((a) => (
            <li key={`${a.applicationName}:${a.username}`} className="break-words">
              {a.applicationName}: {a.username}
              {a.nativeId ? (
                <code className="block font-mono text-xs break-all text-slate-500">{a.nativeId}</code>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <span className="text-slate-500">None</span>
      ),
  },
  {
    id: 'memberships',
    header: 'Memberships in targets',
    cell: ({ row: { original: r } }) =>
      r.memberships.length ? (
        <ul className="space-y-1">
          {r.memberships.map((m) => (
            <li key={`${m.applicationName}:${m.entitlementName}`}>
              {m.entitlementName} <span className="text-xs text-slate-500">({m.applicationName})</span>{' '}
              <Badge tone={m.status === 'REMOVING' ? 'amber' : 'red'}>
                {m.status === 'REMOVING' ? 'Being removed' : m.status === 'ADDING' ? 'Being added' : 'Held'}
              </Badge>
            </li>
          ))}
        </ul>
      ) : (
        <span className="text-slate-500">None</span>
      ),
  },
];

/** Leavers who still hold something: each row is a gap in the leaver process. */
export function LeaversView() {
  const trpc = useTRPC();
  const [f, set, query] = useReportParams(FILTERS);
  const report = useInfiniteQuery(
    trpc.reports.leavers.infiniteQueryOptions(
      { ...f, limit: 50 },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
  );
  const rows = report.data?.pages.flatMap((p) => p.rows) ?? [];
  return (
    <>
      <PageHeader
        title="Leavers with remaining access"
        description="People who have left (or whose end date has passed) and still hold an active grant, an enabled account or a membership in a target. The leaver process should leave none: each row is a gap to close."
        actions={<DownloadCsv report="leavers" query={query} />}
      />
      <FilterBar>
        <ApplicationFilter value={f.application} onChange={(v) => set({ application: v })} />
        <DepartmentFilter value={f.department} onChange={(v) => set({ department: v })} />
      </FilterBar>
      <QueryState query={report} loading="Looking for leavers with access">
        <DataTable
          caption="Leavers with remaining access"
          stackOnPhone
          columns={columns}
          rows={rows}
          rowKey={(r) => r.identityId}
          more={{
            hasMore: Boolean(report.hasNextPage),
            loading: report.isFetchingNextPage,
            onLoadMore: () => void report.fetchNextPage(),
          }}
          empty="No leaver holds anything: every leaver’s access was removed."
        />
      </QueryState>
    </>
  );
}
