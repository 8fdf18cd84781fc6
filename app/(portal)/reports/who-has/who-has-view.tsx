'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../../../_trpc/client.tsx';
import { EmptyState, PageHeader } from '../../../_components/ui/card.tsx';
import { QueryState } from '../../../_components/ui/query-state.tsx';
import { Select } from '../../../_components/ui/text-field.tsx';
import { AccessTable } from '../_components/access-table.tsx';
import {
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

const FILTERS = ['entitlement', 'role', 'application', 'department', 'person', 'source', 'asOf'] as const;
type TKind = 'entitlement' | 'role' | 'application' | 'everything';
const KIND_LABEL: Record<TKind, string> = {
  entitlement: 'An entitlement',
  role: 'A business role',
  application: 'An application',
  everything: 'Everything (all access)',
};

/** Who has access to X (an entitlement, what a role bundles, an application), now or as of a day, with why. */
export function WhoHasView() {
  const trpc = useTRPC();
  const [f, set, query] = useReportParams(FILTERS);
  const [kind, setKind] = useState<TKind>(
    f.role ? 'role' : f.application && !f.entitlement ? 'application' : 'entitlement',
  );
  const subject = kind === 'everything' ? 'everything' : f[kind];
  const report = useInfiniteQuery({
    ...trpc.reports.whoHas.infiniteQueryOptions(
      { ...f, source: sourceParam(f.source), limit: 50 },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
    enabled: Boolean(subject),
  });
  const first = report.data?.pages[0];
  const rows = report.data?.pages.flatMap((p) => p.rows) ?? [];
  const scope = first?.scope;
  const name = scope?.entitlement
    ? `${scope.entitlement.name} (${scope.entitlement.application.name})`
    : scope?.role
      ? `the business role ${scope.role.name}`
      : scope?.application
        ? `the application ${scope.application.name}`
        : null;
  return (
    <>
      <PageHeader
        title="Who has access"
        description="Everyone who holds an entitlement, what a business role bundles or an application, with why: the birthright rule, the role, the request and its approvers. Today, or as it stood on any past day."
        actions={subject ? <DownloadCsv report="who-has" query={query} /> : null}
      />
      <FilterBar>
        <Select
          label="Who has access to"
          value={kind}
          onChange={(e) => {
            setKind(e.target.value as TKind);
            set({ entitlement: null, role: null, application: null });
          }}
        >
          {(Object.keys(KIND_LABEL) as TKind[]).map((k) => (
            <option key={k} value={k}>
              {KIND_LABEL[k]}
            </option>
          ))}
        </Select>
        {kind !== 'everything' ? (
          <Filter
            label={kind === 'entitlement' ? 'Entitlement' : kind === 'role' ? 'Business role' : 'Application'}
          >
            {(id) => (
              <SubjectPicker
                kind={kind}
                id={id}
                value={
                  f[kind]
                    ? {
                        id: f[kind],
                        label:
                          (kind === 'entitlement'
                            ? scope?.entitlement?.name
                            : kind === 'role'
                              ? scope?.role?.name
                              : scope?.application?.name) ?? '…',
                      }
                    : null
                }
                onChange={(v) => set({ [kind]: v })}
                placeholder={`Search ${kind === 'role' ? 'business roles' : `${kind}s`}…`}
              />
            )}
          </Filter>
        ) : null}
        <Filter label="Department">
          {(id) => (
            <SubjectPicker
              kind="department"
              id={id}
              value={f.department ? { id: f.department, label: f.department } : null}
              onChange={(v) => set({ department: v })}
              placeholder="Every department"
            />
          )}
        </Filter>
        <Filter label="Person">
          {(id) => (
            <SubjectPicker
              kind="person"
              id={id}
              value={f.person ? { id: f.person, label: scope?.person?.displayName ?? '…' } : null}
              onChange={(v) => set({ person: v })}
              placeholder="Everyone"
            />
          )}
        </Filter>
        <SourceSelect value={f.source} onChange={(v) => set({ source: v })} />
        <AsOfField value={f.asOf} onChange={(v) => set({ asOf: v })} />
      </FilterBar>
      {!subject ? (
        <EmptyState title="Pick what to ask about">
          Choose an entitlement, a business role or an application above, or ask about everything.
        </EmptyState>
      ) : (
        <QueryState query={report} loading="Finding who has it">
          {name ? (
            <h2 className="mb-1 text-lg font-semibold break-words text-slate-900">Who has {name}</h2>
          ) : null}
          <AsOfNote at={first?.at} asOf={f.asOf} />
          <AccessTable
            caption={name ? `Who has ${name}` : 'Who has access'}
            rows={rows}
            more={{
              hasMore: Boolean(report.hasNextPage),
              loading: report.isFetchingNextPage,
              onLoadMore: () => void report.fetchNextPage(),
            }}
            empty={f.asOf ? 'Nobody held it on that day.' : 'Nobody holds it.'}
          />
        </QueryState>
      )}
    </>
  );
}
