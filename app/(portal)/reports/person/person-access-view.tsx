'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import { useTRPC } from '../../../_trpc/client.tsx';
import { EmptyState, PageHeader } from '../../../_components/ui/card.tsx';
import { QueryState } from '../../../_components/ui/query-state.tsx';
import { AccessTable } from '../_components/access-table.tsx';
import {
  ApplicationFilter,
  AsOfField,
  AsOfNote,
  DownloadCsv,
  Filter,
  FilterBar,
  SourceSelect,
  SubjectPicker,
} from '../_components/filters.tsx';
import { sourceParam } from '../_components/labels.ts';
import { useReportParams } from '../_components/use-report-params.ts';
import { PersonCard } from './person-card.tsx';

const FILTERS = ['person', 'application', 'source', 'asOf'] as const;

/** What a person has (or had on a day), entitlement by entitlement, with why. */
export function PersonAccessView() {
  const trpc = useTRPC();
  const [f, set, query] = useReportParams(FILTERS);
  const report = useInfiniteQuery({
    ...trpc.reports.personAccess.infiniteQueryOptions(
      { ...f, person: f.person ?? '', source: sourceParam(f.source), limit: 50 },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
    enabled: Boolean(f.person),
  });
  const first = report.data?.pages[0];
  const rows = report.data?.pages.flatMap((p) => p.rows) ?? [];
  return (
    <>
      <PageHeader
        title="What a person has"
        description="Everything a person holds, entitlement by entitlement, with why and whether the target holds it. Today, or as it stood on any past day; leavers too."
        actions={f.person ? <DownloadCsv report="person-access" query={query} /> : null}
      />
      <FilterBar>
        <Filter label="Person">
          {(id) => (
            <SubjectPicker
              kind="person"
              id={id}
              value={f.person ? { id: f.person, label: first?.person.displayName ?? '…' } : null}
              onChange={(v) => set({ person: v })}
              placeholder="Search people, leavers too…"
            />
          )}
        </Filter>
        <ApplicationFilter value={f.application} onChange={(v) => set({ application: v })} />
        <SourceSelect value={f.source} onChange={(v) => set({ source: v })} />
        <AsOfField value={f.asOf} onChange={(v) => set({ asOf: v })} />
      </FilterBar>
      {!f.person ? (
        <EmptyState title="Pick a person">
          Search by name, username or email; people who have left are found too.
        </EmptyState>
      ) : (
        <QueryState query={report} loading="Reading their access">
          {first ? <PersonCard person={first.person} /> : null}
          <AsOfNote at={first?.at} asOf={f.asOf} />
          <AccessTable
            caption={`What ${first?.person.displayName ?? 'this person'} has`}
            withPerson={false}
            rows={rows}
            more={{
              hasMore: Boolean(report.hasNextPage),
              loading: report.isFetchingNextPage,
              onLoadMore: () => void report.fetchNextPage(),
            }}
            empty={f.asOf ? 'They held nothing on that day.' : 'They hold nothing.'}
          />
        </QueryState>
      )}
    </>
  );
}
