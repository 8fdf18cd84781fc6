'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import { useTRPC } from '../../../_trpc/client.tsx';
import { Badge } from '../../../_components/ui/badge.tsx';
import { Notice, PageHeader } from '../../../_components/ui/card.tsx';
import { type ColumnDef, DataTable } from '../../../_components/ui/data-table.tsx';
import { formatDate } from '../../../_components/ui/format.ts';
import { QueryState } from '../../../_components/ui/query-state.tsx';
import { Select } from '../../../_components/ui/text-field.tsx';
import {
  ApplicationFilter,
  DaysFilter,
  DepartmentFilter,
  DownloadCsv,
  FilterBar,
} from '../_components/filters.tsx';
import { SOURCE_LABEL } from '../_components/labels.ts';
import type { TDormantRow } from '../_components/types.ts';
import { useReportParams } from '../_components/use-report-params.ts';
import { PersonCell } from '../_components/person-cell.tsx';
import { DayText } from '@/app/_components/ui/day-text.tsx';

const FILTERS = ['days', 'application', 'department', 'usage'] as const;
const WINDOWS = [30, 60, 90, 180, 365];

const columns: ColumnDef<TDormantRow>[] = [
  {
    id: 'person',
    header: 'Person',
    cell: ({ row: { original: r } }) => <PersonCell person={r} />,
  },
  {
    id: 'account',
    header: 'Application and account',
    cell: ({ row: { original: r } }) => (
      <div className="min-w-0">
        <span className="font-medium text-slate-900">{r.applicationName}</span>
        <span className="block text-xs break-all text-slate-500">{r.account.nativeId}</span>
      </div>
    ),
  },
  {
    id: 'lastUsed',
    header: 'Last used',
    cell: ({ row: { original: r } }) =>
      r.usage === 'UNKNOWN' ? (
        <Badge tone="gray" title="The application does not tell Gatehouse when an account was used">
          Unknown
        </Badge>
      ) : r.usage === 'NEVER_USED' ? (
        <span className="whitespace-nowrap">
          <Badge tone="amber">Never used</Badge>
          <span className="block text-xs text-slate-500">
            known since <DayText at={r.knownSince} />
          </span>
        </span>
      ) : (
        <span className="whitespace-nowrap">{formatDate(r.lastUsedAt)}</span>
      ),
  },
  {
    id: 'days',
    header: 'Days',
    cell: ({ row: { original: r } }) =>
      r.idleDays === null ? '—' : <span className="tabular-nums">{r.idleDays}</span>,
  },
  {
    id: 'entitlements',
    header: 'Entitlements held',
    cell: ({ row: { original: r } }) =>
      r.entitlements.length === 0 ? (
        <span className="text-slate-500">The account only</span>
      ) : (
        <ul className="min-w-0 space-y-0.5">
          {r.entitlements.map((e) => (
            <li key={e.id} className="break-words">
              {e.name}
              <span className="block text-xs text-slate-500">
                {e.via.map((v) => `${SOURCE_LABEL[v.source]}${v.role ? ` via ${v.role}` : ''}`).join(', ')}
              </span>
            </li>
          ))}
        </ul>
      ),
  },
  {
    id: 'sources',
    header: 'Grant sources',
    cell: ({ row: { original: r } }) => (
      <div className="flex flex-wrap gap-1">
        {r.sources.map((s) => (
          <Badge key={s} tone="gray">
            {SOURCE_LABEL[s]}
          </Badge>
        ))}
      </div>
    ),
  },
];

/** Accounts nobody has used for N days (or ever), from what the targets report; or those whose use is unknown. */
export function DormantView() {
  const trpc = useTRPC();
  const [f, set, query] = useReportParams(FILTERS);
  const days = Number(f.days ?? 90);
  const usage = f.usage === 'unknown' ? 'unknown' : 'dormant';
  const report = useInfiniteQuery(
    trpc.reports.dormant.infiniteQueryOptions(
      { days, application: f.application, department: f.department, usage, limit: 50 },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
  );
  const rows = report.data?.pages.flatMap((p) => p.rows) ?? [];
  return (
    <>
      <PageHeader
        title="Dormant access"
        description="Accounts whose person has not signed in to the application for the days chosen, and accounts never used since they were created that long ago, with what they hold through the portal."
        actions={<DownloadCsv report="dormant" query={query} />}
      />
      <FilterBar>
        <DaysFilter
          label="Not used for"
          days={days}
          defaultDays={90}
          windows={WINDOWS}
          onChange={(v) => set({ days: v })}
        />
        <ApplicationFilter value={f.application} onChange={(v) => set({ application: v })} />
        <DepartmentFilter value={f.department} onChange={(v) => set({ department: v })} />
        <Select
          label="Show"
          value={usage}
          onChange={(e) => set({ usage: e.target.value === 'dormant' ? null : e.target.value })}
        >
          <option value="dormant">Dormant and never used</option>
          <option value="unknown">Use unknown</option>
        </Select>
      </FilterBar>
      {usage === 'unknown' ? (
        <Notice>
          These applications have not told Gatehouse when any account was last used (SCIM has no such
          attribute; an LDAP directory without the lastbind overlay keeps none), so their accounts are neither
          dormant nor in use as far as Gatehouse knows.
        </Notice>
      ) : null}
      <QueryState query={report} loading="Finding dormant access">
        <DataTable
          caption={usage === 'unknown' ? 'Accounts whose use is unknown' : `Access not used for ${days} days`}
          stackOnPhone
          columns={columns}
          rows={rows}
          rowKey={(r) => r.observedAccountId}
          more={{
            hasMore: Boolean(report.hasNextPage),
            loading: report.isFetchingNextPage,
            onLoadMore: () => void report.fetchNextPage(),
          }}
          empty={
            usage === 'unknown'
              ? 'Every application tells when its accounts were used.'
              : `Nothing unused for ${days} days among the applications that tell when their accounts were used; “Use unknown” lists the accounts of those that do not.`
          }
        />
      </QueryState>
    </>
  );
}
