'use client';

import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage, useTRPC } from '../../../_trpc/client.tsx';
import { Badge } from '../../../_components/ui/badge.tsx';
import { Button } from '../../../_components/ui/button.tsx';
import { Card, Notice } from '../../../_components/ui/card.tsx';
import { type ColumnDef, DataTable } from '../../../_components/ui/data-table.tsx';
import { countOf, formatDateTime } from '../../../_components/ui/format.ts';
import { QueryState } from '../../../_components/ui/query-state.tsx';
import { ReconciliationOnboarding } from './reconciliation-onboarding.tsx';
import { KIND_LABEL, TRIGGER_LABEL } from '../../reconciliation/_components/labels.ts';
import type { TRun } from '../../reconciliation/_components/types.ts';
import { DayText } from '@/app/_components/ui/day-text.tsx';

const STATUS = {
  QUEUED: ['Queued', 'gray'],
  RUNNING: ['Running', 'blue'],
  HELD: ['Held for confirmation', 'amber'],
  SUCCEEDED: ['Succeeded', 'green'],
  FAILED: ['Failed', 'red'],
} as const;
const MODE = { FULL: 'Full', INCREMENTAL: 'Incremental', PERSON: 'Person' } as const;
const isLive = (r: TRun) => r.status === 'RUNNING' || r.status === 'QUEUED';

export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min ${s % 60} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

const columns: ColumnDef<TRun>[] = [
  {
    id: 'run',
    header: 'Run',
    cell: ({ row: { original: r } }) => (
      <div className="min-w-0">
        <span className="font-medium">{MODE[r.mode]}</span>{' '}
        <span className="text-xs text-slate-500">
          ({TRIGGER_LABEL[r.trigger] ?? r.trigger.toLowerCase()})
        </span>
        <span className="block text-xs whitespace-nowrap text-slate-600">{formatDateTime(r.startedAt)}</span>
        {r.requestedBy ? <span className="block text-xs text-slate-500">by {r.requestedBy}</span> : null}
        {r.person ? <span className="block text-xs text-slate-500">for {r.person.displayName}</span> : null}
      </div>
    ),
  },
  {
    id: 'status',
    header: 'Status',
    cell: ({ row: { original: r } }) => (
      <div className="space-y-1">
        <Badge tone={STATUS[r.status][1]}>{STATUS[r.status][0]}</Badge>
        {r.error ? <p className="max-w-xs text-xs break-words text-red-700">{r.error}</p> : null}
        {r.heldReason ? <p className="max-w-xs text-xs break-words text-amber-800">{r.heldReason}</p> : null}
      </div>
    ),
  },
  {
    id: 'duration',
    header: 'Duration',
    cell: ({ row: { original: r } }) => (
      <span className="whitespace-nowrap">{formatDuration(r.durationMs)}</span>
    ),
  },
  {
    id: 'read',
    header: 'Read',
    cell: ({ row: { original: r } }) => (
      <span className="text-xs whitespace-nowrap text-slate-700">
        {countOf(r.accountsRead, 'account')}
        <br />
        {r.membershipsRead.toLocaleString('en')} memberships
      </span>
    ),
  },
  {
    id: 'findings',
    header: 'Findings',
    cell: ({ row: { original: r } }) => (
      <div className="text-xs text-slate-700">
        <div>
          {r.findingsOpened} opened · {r.findingsClosed} closed
        </div>
        {r.findingsByKind.length ? (
          <ul className="mt-1 text-slate-600">
            {r.findingsByKind.map((k) => (
              <li key={k.kind}>
                {k.count} {KIND_LABEL[k.kind].toLowerCase()}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    ),
  },
];

/** A running run's counters, polled every two seconds; the bar measures against the last finished run's accounts. */
function RunProgress({ runId, expectedAccounts }: { runId: string; expectedAccounts: number | null }) {
  const trpc = useTRPC();
  const run = useQuery(
    trpc.reconciliation.getRun.queryOptions(
      { runId },
      { refetchInterval: (q) => (q.state.data && !isLive(q.state.data) ? false : 2000) },
    ),
  );
  const r = run.data;
  if (!r) return null;
  const share = expectedAccounts ? Math.min(1, r.accountsRead / expectedAccounts) : null;
  return (
    <Card className="mb-4 p-4">
      <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="text-sm font-semibold text-slate-900">
          {MODE[r.mode]} run {r.status === 'QUEUED' ? 'queued' : 'in progress'}
        </h3>
        <span className="text-xs text-slate-600">
          started <DayText at={r.startedAt} to="minute" />
        </span>
      </div>
      <div
        role="progressbar"
        aria-label="Reconciliation progress"
        aria-valuemin={0}
        aria-valuemax={expectedAccounts ?? undefined}
        aria-valuenow={expectedAccounts ? r.accountsRead : undefined}
        aria-valuetext={`${r.accountsRead} accounts read${expectedAccounts ? ` of about ${expectedAccounts}` : ''}`}
        className="h-2 overflow-hidden rounded-full bg-slate-100"
      >
        <div
          className={`h-full rounded-full bg-brand-600 ${share === null ? 'w-1/3 animate-pulse' : ''}`}
          style={share === null ? undefined : { width: `${Math.round(share * 100)}%` }}
        />
      </div>
      <p className="mt-2 text-sm text-slate-700" aria-live="polite">
        {countOf(r.accountsRead, 'account')}
        {expectedAccounts ? ` of about ${expectedAccounts.toLocaleString('en')}` : ''} read ·{' '}
        {r.membershipsRead.toLocaleString('en')} memberships · {r.findingsOpened.toLocaleString('en')}{' '}
        findings so far
      </p>
    </Card>
  );
}

/** A run held by the mass-change guard: why, and Confirm / Dismiss for the identity team. */
function HeldRun({ run, canManage }: { run: TRun; canManage: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const done = () =>
    queryClient.invalidateQueries({ queryKey: trpc.reconciliation.listRuns.infiniteQueryKey() });
  const confirm = useMutation(trpc.reconciliation.confirmHeldRun.mutationOptions({ onSuccess: done }));
  const dismiss = useMutation(trpc.reconciliation.dismissHeldRun.mutationOptions({ onSuccess: done }));
  const error = confirm.error ?? dismiss.error;
  return (
    <div
      className="mb-4 rounded-md border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900"
      role="status"
    >
      <p className="font-semibold">A run is waiting for confirmation</p>
      <p className="mt-1 break-words">
        {run.heldReason ?? 'It would change more than the mass-change guard allows.'}
      </p>
      {canManage ? (
        <div className="mt-3 flex flex-wrap gap-2 print:hidden">
          <Button
            onClick={() => confirm.mutate({ runId: run.id })}
            disabled={confirm.isPending || dismiss.isPending}
          >
            Confirm and carry on
          </Button>
          <Button
            variant="secondary"
            onClick={() => dismiss.mutate({ runId: run.id })}
            disabled={confirm.isPending || dismiss.isPending}
          >
            Dismiss
          </Button>
        </div>
      ) : null}
      {error ? <p className="mt-2 text-red-700">{errorMessage(error)}</p> : null}
    </div>
  );
}

/** "Reconcile now", a running run's progress, a held run's decision, and the history of runs. */
export function ReconciliationRuns({
  applicationId,
  canManage,
}: {
  applicationId: string;
  canManage: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<string | null>(null);
  const runs = useInfiniteQuery(
    trpc.reconciliation.listRuns.infiniteQueryOptions(
      { applicationId, limit: 20 },
      {
        getNextPageParam: (last) => last.nextCursor ?? undefined,
        refetchInterval: (q) => (q.state.data?.pages.some((p) => p.rows.some(isLive)) ? 2000 : false),
      },
    ),
  );
  const runNow = useMutation(
    trpc.reconciliation.runNow.mutationOptions({
      onSuccess: async () => {
        setNotice('Reconciliation started.');
        await queryClient.invalidateQueries({ queryKey: trpc.reconciliation.listRuns.infiniteQueryKey() });
      },
    }),
  );
  const rows = runs.data?.pages.flatMap((p) => p.rows) ?? [];
  const live = rows.filter(isLive);
  const held = rows.filter((r) => r.status === 'HELD');
  const lastFinished = rows.find((r) => r.status === 'SUCCEEDED' && r.mode === 'FULL');
  return (
    <section aria-labelledby="runs-heading" className="mb-6">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <h2 id="runs-heading" className="text-base font-semibold text-slate-900">
          Runs
        </h2>
        {canManage ? (
          <div className="flex flex-wrap gap-2 print:hidden">
            <Button
              onClick={() => runNow.mutate({ applicationId, mode: 'FULL' })}
              disabled={runNow.isPending}
            >
              Reconcile now (full)
            </Button>
            <Button
              variant="secondary"
              onClick={() => runNow.mutate({ applicationId, mode: 'INCREMENTAL' })}
              disabled={runNow.isPending}
            >
              Incremental
            </Button>
          </div>
        ) : null}
      </div>
      {canManage ? (
        <ReconciliationOnboarding
          applicationId={applicationId}
          disabled={live.length > 0}
          onboardedAt={
            rows.find((r) => r.trigger === 'ONBOARDING' && r.status === 'SUCCEEDED')?.startedAt ?? null
          }
          onStarted={() => setNotice('Onboarding started: the first full run reads every account.')}
        />
      ) : null}
      {runNow.error ? (
        <div className="mb-3">
          <Notice tone="error">Not started: {errorMessage(runNow.error)}</Notice>
        </div>
      ) : notice ? (
        <div className="mb-3">
          <Notice tone="success">{notice}</Notice>
        </div>
      ) : null}
      {live.map((r) => (
        <RunProgress key={r.id} runId={r.id} expectedAccounts={lastFinished?.accountsRead || null} />
      ))}
      {held.map((r) => (
        <HeldRun key={r.id} run={r} canManage={canManage} />
      ))}
      <QueryState query={runs} loading="Loading the runs">
        <DataTable
          caption="Reconciliation runs"
          stackOnPhone
          columns={columns}
          rows={rows}
          rowKey={(r) => r.id}
          more={{
            hasMore: Boolean(runs.hasNextPage),
            loading: runs.isFetchingNextPage,
            onLoadMore: () => void runs.fetchNextPage(),
          }}
          empty="No run yet. Reconcile now to read what this application holds."
        />
      </QueryState>
    </section>
  );
}
