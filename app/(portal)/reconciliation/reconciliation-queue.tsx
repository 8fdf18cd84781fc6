'use client';

import { keepPreviousData, useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { useTRPC } from '../../_trpc/client.tsx';
import { useCan } from '../../_components/use-can.ts';
import { Badge } from '../../_components/ui/badge.tsx';
import { BulkBar } from '../../_components/ui/bulk-bar.tsx';
import { Notice, PageHeader } from '../../_components/ui/card.tsx';
import { type ColumnDef, DataTable } from '../../_components/ui/data-table.tsx';
import { QueryError, QueryState } from '../../_components/ui/query-state.tsx';
import { SearchField } from '../../_components/ui/search-field.tsx';
import { Select } from '../../_components/ui/text-field.tsx';
import { DownloadCsv, FilterBar } from '../reports/_components/filters.tsx';
import { useReportParams } from '../reports/_components/use-report-params.ts';
import { DecisionForm, type TDecideResult } from './_components/decision-form.tsx';
import {
  HoldersCell,
  KindCell,
  PersonCell,
  SinceCell,
  SodCell,
  StatusCell,
  WhatCell,
} from './_components/finding-context.tsx';
import { FINDING_KINDS, KIND_LABEL } from './_components/labels.ts';
import type { TFinding } from './_components/types.ts';
import { countOf } from '@/app/_components/ui/format.ts';

const FILTERS = ['application', 'kind', 'status', 'entitlement', 'person', 'text'] as const;
const STATUSES = ['OPEN', 'IN_PROGRESS', 'EXCEPTION', 'RESOLVED', 'ALL'] as const;
const STATUS_CHOICES = [
  ['', 'Waiting (open or in progress)'],
  ['OPEN', 'Open'],
  ['IN_PROGRESS', 'In progress'],
  ['EXCEPTION', 'Exceptions'],
  ['RESOLVED', 'Resolved'],
  ['ALL', 'All'],
] as const;

type TOutcome = { label: string; outcome: string };

/**
 * The owners' review queue: findings about their applications and entitlements with what they need
 * to decide (who, what, since when, who else holds it, SoD), filters in the URL, and decisions on
 * one finding or many at once.
 */
export function ReconciliationQueue() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [f, set, query] = useReportParams(FILTERS);
  const mayExport = useCan('reconciliation.read');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [result, setResult] = useState<{ decided: TOutcome[]; refused: TOutcome[] } | null>(null);
  const [outcomes, setOutcomes] = useState<ReadonlyMap<string, string>>(new Map());
  const input = {
    application: f.application,
    kind: FINDING_KINDS.find((k) => k === f.kind),
    // A status the URL names that the queue does not know (typed by hand, ?status=all) is no filter, not an error.
    status: STATUSES.find((x) => x === f.status?.toUpperCase()),
    entitlement: f.entitlement,
    person: f.person,
    text: f.text,
    limit: 50,
  };
  const counts = useQuery(trpc.reconciliation.findingCounts.queryOptions());
  const mayReview = counts.data?.mayReview ?? false;
  const findings = useInfiniteQuery(
    trpc.reconciliation.listFindings.infiniteQueryOptions(input, {
      getNextPageParam: (last) => last.nextCursor ?? undefined,
      enabled: mayReview,
      // Another filter keeps the previous findings on screen, dimmed, until its answer comes.
      placeholderData: keepPreviousData,
    }),
  );
  const rows = findings.data?.pages.flatMap((p) => p.rows) ?? [];
  // The server says per finding who may decide it (owners theirs, the identity team any; auditors none):
  // selection and the decision bar exist only for those, so nobody is offered a decision that is refused.
  const decidable = rows.filter((r) => r.mayDecide);
  const mayDecideAny = decidable.length > 0;
  const byId = new Map(rows.map((r) => [r.id, r]));
  const chosen = [...selected].filter((id) => byId.has(id));

  const toggle = (id: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const allOnPage = mayDecideAny && decidable.every((r) => selected.has(r.id));
  const describe = (r: TFinding | undefined) =>
    r
      ? [KIND_LABEL[r.kind], r.person?.displayName, r.entitlement?.name ?? r.account.username]
          .filter(Boolean)
          .join(' · ')
      : 'A finding';

  const onDecided = async (res: TDecideResult, ids: string[]) => {
    const refused = new Map(res.refused.map((x) => [x.findingId, x.reason]));
    setResult({
      decided: ids
        .filter((id) => !refused.has(id))
        .map((id) => ({ label: describe(byId.get(id)), outcome: 'Decided' })),
      refused: res.refused.map((x) => ({ label: describe(byId.get(x.findingId)), outcome: x.reason })),
    });
    setOutcomes(new Map(ids.map((id) => [id, refused.has(id) ? `Refused: ${refused.get(id)}` : 'Decided'])));
    setSelected(new Set());
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.reconciliation.listFindings.infiniteQueryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.reconciliation.findingCounts.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.me.get.queryKey() }),
    ]);
  };

  const selectColumn: ColumnDef<TFinding> = {
    id: 'select',
    header: () => (
      <input
        type="checkbox"
        aria-label="Select every finding shown"
        className="size-4 print:hidden"
        checked={allOnPage}
        onChange={(e) => setSelected(e.target.checked ? new Set(decidable.map((r) => r.id)) : new Set())}
      />
    ),
    cell: ({ row: { original: r } }) =>
      r.mayDecide ? (
        <input
          type="checkbox"
          aria-label={`Select: ${describe(r)}`}
          className="size-4 print:hidden"
          checked={selected.has(r.id)}
          onChange={(e) => toggle(r.id, e.target.checked)}
        />
      ) : null,
  };
  const columns: ColumnDef<TFinding>[] = [
    ...(mayDecideAny ? [selectColumn] : []),
    {
      id: 'finding',
      header: 'Finding',
      cell: ({ row: { original: r } }) => (
        <div className="space-y-1">
          <KindCell f={r} />
          <SinceCell f={r} />
          <Link
            href={`/reconciliation/findings/${r.id}`}
            className="text-xs font-medium text-brand-700 hover:underline print:hidden"
          >
            Details
          </Link>
        </div>
      ),
    },
    { id: 'person', header: 'Who', cell: ({ row: { original: r } }) => <PersonCell f={r} /> },
    { id: 'what', header: 'What', cell: ({ row: { original: r } }) => <WhatCell f={r} /> },
    {
      id: 'others',
      header: 'Others holding it · SoD',
      cell: ({ row: { original: r } }) => (
        <div className="space-y-1">
          <HoldersCell f={r} />
          <SodCell f={r} />
        </div>
      ),
    },
    {
      id: 'status',
      header: 'Status',
      cell: ({ row: { original: r } }) => <StatusCell f={r} outcome={outcomes.get(r.id)} />,
    },
  ];

  if (counts.error) return <QueryError query={counts} />;
  if (counts.data && !mayReview) {
    return (
      <>
        <PageHeader title="Reconciliation review" />
        <Notice>
          This queue is for the owners of applications and entitlements and for the identity team. You own
          none whose findings you could review.
        </Notice>
      </>
    );
  }

  return (
    <>
      <PageHeader
        title="Reconciliation review"
        description={
          rows.length > 0 && !mayDecideAny
            ? 'What the target systems hold that Gatehouse did not put there, or lack that it did. You read these findings; their owners and the identity team decide them.'
            : 'What the target systems hold that Gatehouse did not put there, or lack that it did. Decide each finding: revert the target, adopt the access as a grant, or accept it as an exception until a date.'
        }
        actions={mayExport ? <DownloadCsv report="findings" query={query} /> : null}
      />
      {counts.data && counts.data.byApplication.length > 0 ? (
        <div className="mb-4 flex flex-wrap gap-2 print:hidden" aria-label="Waiting findings by application">
          {counts.data.byApplication.map((a) => (
            <button
              key={a.applicationId}
              type="button"
              onClick={() => set({ application: f.application === a.applicationId ? null : a.applicationId })}
              aria-pressed={f.application === a.applicationId}
              className={`inline-flex items-center gap-1.5 rounded-full px-3 py-1 text-sm ring-1 ring-inset ${f.application === a.applicationId ? 'bg-brand-50 text-brand-700 ring-brand-200' : 'bg-white text-slate-700 ring-slate-300 hover:bg-slate-50'}`}
            >
              {a.name}{' '}
              <span className="rounded-full bg-slate-100 px-1.5 text-xs text-slate-700">{a.count}</span>
            </button>
          ))}
        </div>
      ) : null}
      <FilterBar>
        <Select label="Kind" value={f.kind ?? ''} onChange={(e) => set({ kind: e.target.value || null })}>
          <option value="">Every kind</option>
          {FINDING_KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_LABEL[k]}
              {counts.data?.byKind.find((c) => c.kind === k)
                ? ` (${counts.data.byKind.find((c) => c.kind === k)?.count})`
                : ''}
            </option>
          ))}
        </Select>
        <Select
          label="Status"
          value={f.status ?? ''}
          onChange={(e) => set({ status: e.target.value || null })}
        >
          {STATUS_CHOICES.map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </Select>
        <SearchField
          label="Search"
          value={f.text ?? ''}
          onChange={(q) => set({ text: q || null })}
          placeholder="Person, account, DN or entitlement"
          maxLength={100}
        />
      </FilterBar>
      {f.entitlement || f.person || f.application ? (
        <div className="mb-4 flex flex-wrap items-center gap-2 text-sm print:hidden">
          <span className="text-slate-600">Only:</span>
          {f.application ? (
            <FilterChip
              label={`Application ${counts.data?.byApplication.find((a) => a.applicationId === f.application)?.name ?? rows[0]?.application.name ?? ''}`}
              onClear={() => set({ application: null })}
            />
          ) : null}
          {f.entitlement ? (
            <FilterChip
              label={`Entitlement ${rows.find((r) => r.entitlement?.id === f.entitlement)?.entitlement?.name ?? ''}`}
              onClear={() => set({ entitlement: null })}
            />
          ) : null}
          {f.person ? (
            <FilterChip
              label={`Person ${rows.find((r) => r.person?.id === f.person)?.person?.displayName ?? ''}`}
              onClear={() => set({ person: null })}
            />
          ) : null}
        </div>
      ) : null}
      {result ? (
        <div className="mb-4 space-y-2" aria-live="polite">
          {result.decided.length ? (
            <Notice tone="success">
              {result.decided.length === 1
                ? '1 finding decided'
                : `${countOf(result.decided.length, 'finding')} decided`}
              : {result.decided.map((d) => d.label).join('; ')}.
            </Notice>
          ) : null}
          {result.refused.length ? (
            <Notice tone="error">
              {result.refused.length === 1
                ? '1 finding was not decided'
                : `${countOf(result.refused.length, 'finding')} not decided`}
              :
              <ul className="mt-1 list-disc pl-5">
                {result.refused.map((r, i) => (
                  <li key={i}>
                    {r.label}: {r.outcome}
                  </li>
                ))}
              </ul>
            </Notice>
          ) : null}
        </div>
      ) : null}
      <QueryState query={findings} loading="Loading the findings">
        <DataTable
          caption="Reconciliation findings"
          stackOnPhone
          columns={columns}
          rows={rows}
          rowKey={(r) => r.id}
          stale={findings.isPlaceholderData}
          more={{
            hasMore: Boolean(findings.hasNextPage),
            loading: findings.isFetchingNextPage,
            onLoadMore: () => void findings.fetchNextPage(),
          }}
          empty={
            f.status || f.kind || f.text || f.application || f.entitlement || f.person
              ? 'No finding matches these filters.'
              : 'Nothing waiting: the targets hold what Gatehouse says they should.'
          }
        />
      </QueryState>
      {mayDecideAny ? (
        <BulkBar
          label="Decide the selected findings"
          count={chosen.length}
          one="finding"
          onClear={() => setSelected(new Set())}
          idle="Select findings to decide them."
          stickyOnPhone={false}
        >
          <DecisionForm findingIds={chosen} onDecided={(res, ids) => void onDecided(res, ids)} />
        </BulkBar>
      ) : null}
    </>
  );
}

function FilterChip({ label, onClear }: { label: string; onClear: () => void }) {
  return (
    <Badge tone="indigo">
      <span className="break-all">{label}</span>
      <button
        type="button"
        onClick={onClear}
        aria-label={`Remove the filter: ${label}`}
        className="ml-1 font-bold"
      >
        ×
      </button>
    </Badge>
  );
}
