'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import { useTRPC } from '../../../_trpc/client.tsx';
import { PageHeader } from '../../../_components/ui/card.tsx';
import { QueryState } from '../../../_components/ui/query-state.tsx';
import { AccessTable } from '../_components/access-table.tsx';
import {
  ApplicationFilter,
  AsOfField,
  AsOfNote,
  DepartmentFilter,
  DownloadCsv,
  Filter,
  FilterBar,
  SourceSelect,
  SubjectPicker,
} from '../_components/filters.tsx';
import { sourceParam } from '../_components/labels.ts';
import { useReportParams } from '../_components/use-report-params.ts';

const FILTERS = ['application', 'department', 'person', 'source', 'asOf'] as const;

/** Who holds high-risk entitlements, with why: the who-has report over every entitlement rated high risk. */
export function PrivilegedView() {
  const trpc = useTRPC();
  const [f, set, query] = useReportParams(FILTERS);
  const report = useInfiniteQuery(
    trpc.reports.privileged.infiniteQueryOptions(
      { ...f, source: sourceParam(f.source), limit: 50 },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
  );
  const first = report.data?.pages[0];
  const rows = report.data?.pages.flatMap((p) => p.rows) ?? [];
  return (
    <>
      <PageHeader
        title="Privileged access"
        description="Everyone who holds an entitlement rated high risk, directly or through a business role, with why. Today, or as it stood on any past day."
        actions={<DownloadCsv report="privileged" query={query} />}
      />
      <FilterBar>
        <ApplicationFilter value={f.application} onChange={(v) => set({ application: v })} />
        <DepartmentFilter value={f.department} onChange={(v) => set({ department: v })} />
        <Filter label="Person">
          {(id) => (
            <SubjectPicker
              kind="person"
              id={id}
              value={f.person ? { id: f.person, label: first?.scope.person?.displayName ?? '…' } : null}
              onChange={(v) => set({ person: v })}
              placeholder="Everyone"
            />
          )}
        </Filter>
        <SourceSelect value={f.source} onChange={(v) => set({ source: v })} />
        <AsOfField value={f.asOf} onChange={(v) => set({ asOf: v })} />
      </FilterBar>
      <QueryState query={report} loading="Finding privileged access">
        <AsOfNote at={first?.at} asOf={f.asOf} />
        <AccessTable
          caption="Privileged access"
          rows={rows}
          more={{
            hasMore: Boolean(report.hasNextPage),
            loading: report.isFetchingNextPage,
            onLoadMore: () => void report.fetchNextPage(),
          }}
          empty="Nobody holds a high-risk entitlement."
        />
      </QueryState>
    </>
  );
}
