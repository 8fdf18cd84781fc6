'use client';

import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  TSodViolationReportRowView,
  ZListSodViolationsInput,
} from '@/server/trpc/routers/request-reports/list-sod-violations.schema.ts';
import { useTRPC } from '../../../_trpc/client.tsx';
import { Badge } from '../../../_components/ui/badge.tsx';
import { PageHeader } from '../../../_components/ui/card.tsx';
import { DataTable, type ColumnDef } from '../../../_components/ui/data-table.tsx';
import { formatDate, formatInstant } from '../../../_components/ui/format.ts';
import { QueryState } from '../../../_components/ui/query-state.tsx';
import { FilterForm, type TFilterField } from '../_components/filter-form.tsx';
import { DownloadCsv } from '../_components/filters.tsx';
import { useFilterParams } from '../_components/use-filter-params.ts';
import { DayText, SentenceText } from '@/app/_components/ui/day-text.tsx';

const KEYS = ['rule', 'person', 'department', 'state', 'from', 'to'] as const;

const STATE = {
  OPEN: { label: 'Open', tone: 'red' },
  RESOLVED: { label: 'Resolved', tone: 'gray' },
  PREVENTED: { label: 'Prevented', tone: 'blue' },
} as const;
const STATUS: Record<string, string> = {
  BLOCKED: 'blocking rule',
  NEEDS_MITIGATION: 'no control in force',
  MITIGATED: 'mitigated',
};
const MITIGATION = { IN_FORCE: 'in force', EXPIRED: 'expired', REVOKED: 'revoked' } as const;

const columns: ColumnDef<TSodViolationReportRowView>[] = [
  {
    header: 'Person',
    cell: ({ row: { original: v } }) => (
      <>
        <span className="font-medium">{v.identity.displayName}</span>
        <span className="block text-xs text-slate-500">
          {[v.identity.username, v.identity.department].filter(Boolean).join(' · ')}
        </span>
      </>
    ),
  },
  {
    header: 'Rule',
    cell: ({ row: { original: v } }) => (
      <>
        {v.rule.name}
        <span className="block text-xs text-slate-500">
          {v.rule.severity === 'BLOCK' ? 'Blocking' : 'Mitigatable'}
        </span>
      </>
    ),
  },
  {
    header: 'State',
    cell: ({ row: { original: v } }) => (
      <div className="flex flex-col items-start gap-1">
        <Badge tone={STATE[v.state].tone}>{STATE[v.state].label}</Badge>
        {v.status && v.state === 'OPEN' ? (
          <span className="text-xs text-slate-500">{STATUS[v.status] ?? v.status}</span>
        ) : null}
      </div>
    ),
  },
  {
    header: 'Detected – resolved',
    cell: ({ row: { original: v } }) => (
      <span className="text-xs whitespace-nowrap">
        {formatInstant(v.detectedAt)}
        <span className="block">{v.resolvedAt ? formatInstant(v.resolvedAt) : 'still open'}</span>
      </span>
    ),
  },
  {
    header: 'Why',
    cell: ({ row: { original: v } }) => (
      <span className="block text-slate-700 sm:min-w-56">
        {v.prevented
          ? `Stopped before it happened (${v.prevented.by.toLowerCase()}${v.prevented.what ? `: ${v.prevented.what}` : ''}). `
          : ''}
        {v.explanation}
      </span>
    ),
  },
  {
    header: 'Mitigating controls',
    cell: ({ row: { original: v } }) =>
      v.mitigations.length ? (
        <ul className="space-y-1 sm:min-w-44">
          {v.mitigations.map((m) => (
            <li key={m.id}>
              {m.control}
              <span className="block text-xs text-slate-500">
                {MITIGATION[m.state]} · until <DayText at={m.expiresAt} />
                {m.revokedAt ? <SentenceText text={` · revoked ${formatDate(m.revokedAt)}`} /> : ''}
                {m.recordedBy ? ` · by ${m.recordedBy}` : ''}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <span className="text-slate-500">None</span>
      ),
  },
];

/** Segregation-of-duties violations, open and past, for auditors (read-only; the admin page acts on open ones). */
export function SodViolationsReportView() {
  const trpc = useTRPC();
  const { values, query, apply } = useFilterParams(KEYS);
  const choices = useQuery(trpc.requestReports.sodChoices.queryOptions());
  const fields: TFilterField[] = [
    {
      name: 'rule',
      label: 'Rule',
      type: 'select',
      any: 'Every rule',
      options: (choices.data?.rules ?? []).map((r) => ({ value: r.id, label: r.name })),
    },
    { name: 'person', label: 'Person', type: 'text', placeholder: 'Name, username or email' },
    {
      name: 'department',
      label: 'Department',
      type: 'select',
      any: 'Every department',
      options: (choices.data?.departments ?? []).map((d) => ({ value: d, label: d })),
    },
    {
      name: 'state',
      label: 'State',
      type: 'select',
      any: 'Open and resolved',
      options: [
        { value: 'open', label: 'Open now' },
        { value: 'resolved', label: 'Resolved' },
      ],
    },
    { name: 'from', label: 'Open at any time from (UTC)', type: 'date' },
    { name: 'to', label: 'to (UTC)', type: 'date' },
  ];
  const input = {
    ...values,
    state: values.state as z.input<typeof ZListSodViolationsInput>['state'],
    limit: 50,
  };
  const list = useInfiniteQuery(
    trpc.requestReports.listSodViolations.infiniteQueryOptions(input, {
      getNextPageParam: (last) => last.nextCursor ?? undefined,
    }),
  );
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <PageHeader
        title="SoD violations"
        description="Everyone who held both sides of a segregation-of-duties rule, now and in the past: when it was detected and resolved, and the mitigating controls in force during it. A date range keeps the violations open at any moment of it."
        actions={<DownloadCsv report="sod-violations" query={query} />}
      />
      {/* The choices arrive after the page: the form starts again once they do, keeping the query string's values. */}
      <FilterForm
        key={choices.isSuccess ? 'ready' : 'loading'}
        label="Filter violations"
        fields={fields}
        values={values}
        onApply={apply}
      />
      <QueryState query={list} loading="Loading violations">
        <DataTable
          caption="Segregation-of-duties violations"
          stackOnPhone
          columns={columns}
          rows={rows}
          rowKey={(v) => v.id}
          empty="No violation matches these filters."
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
