'use client';

import type { RiskLevel } from '@/prisma/generated/enums.ts';
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { errorMessage, useTRPC, useTRPCClient } from '../../_trpc/client.tsx';
import { Button } from '../../_components/ui/button.tsx';
import { EmptyState, Notice, PageHeader, Spinner } from '../../_components/ui/card.tsx';
import { countOf } from '../../_components/ui/format.ts';
import { QueryError } from '@/app/_components/ui/query-state.tsx';
import { useFilterParams } from '../reports/_components/use-filter-params.ts';
import { ApprovalCard, approvalTitle } from './approval-card.tsx';
import { BulkDecisionBar } from './bulk-decision-bar.tsx';
import { DecidedList } from './decided-list.tsx';
import type { TCardDecision } from './decision-form.tsx';
import { INBOX_KEYS, InboxFilters } from './inbox-filters.tsx';
import { UndoToast } from './undo-toast.tsx';
import { useDecisionHold } from './use-decision-hold.ts';

type TOutcome = { tone: 'success' | 'error'; text: string };

export function ApprovalsView() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const { values, apply } = useFilterParams(INBOX_KEYS);
  const tab = values.status === 'DECIDED' ? 'DECIDED' : 'PENDING';
  const list = useInfiniteQuery(
    trpc.approvals.listMine.infiniteQueryOptions(
      {
        status: tab,
        text: values.q || null,
        risk: (values.risk || null) as RiskLevel | null,
        applicationId: values.app || null,
        personId: values.person || null,
        requestId: values.request || null,
        sort: (values.sort || undefined) as 'OLDEST' | 'NEWEST' | 'RISK' | 'DUE' | undefined,
        limit: 25,
      },
      { getNextPageParam: (page) => page.next },
    ),
  );
  const steps = list.data?.pages.flatMap((p) => p.items) ?? [];
  // The tab's whole queue, unfiltered: the filters' choices, and whether there is anything to filter.
  const facets = useQuery(trpc.approvals.facets.queryOptions({ status: tab }));
  const isFiltered = Boolean(values.q || values.risk || values.app || values.person);
  // An empty queue shows no filters (on a phone they pushed "Nothing waiting for you" below the fold):
  // they come back with the first request, and stay while one is set, so that it can be cleared.
  const hasQueue = isFiltered || Boolean(facets.data?.people.length);
  const { held, hold, undo } = useDecisionHold();
  const heldAs = new Map(held.flatMap((h) => h.stepIds.map((id) => [id, h.decision] as const)));
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [outcomes, setOutcomes] = useState<TOutcome[]>([]);
  const open = steps.filter((s) => s.status === 'PENDING' && !heldAs.has(s.id));
  const chosen = open.filter((s) => selected.has(s.id));

  const refresh = async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.approvals.listMine.infiniteQueryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.approvals.facets.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.me.get.queryKey() }),
    ]);
  };
  const decideOne = (decision: TCardDecision, label: string) =>
    hold({
      key: decision.stepId,
      stepIds: [decision.stepId],
      decision: decision.decision,
      label,
      send: async () => {
        try {
          await client.approvals.decide.mutate(decision);
          setOutcomes([{ tone: 'success', text: `${label}.` }]);
        } catch (error) {
          setOutcomes([
            {
              tone: 'error',
              text: `${label.replace(/^(Approved|Denied)/, 'Could not record: $1')}: ${errorMessage(error)}`,
            },
          ]);
        }
        await refresh();
      },
    });
  const decideMany = (decision: 'APPROVE' | 'DENY', comment: string) => {
    const titles = new Map(chosen.map((s) => [s.id, approvalTitle(s)]));
    const stepIds = [...titles.keys()];
    const verb = decision === 'APPROVE' ? 'Approved' : 'Denied';
    setSelected(new Set());
    hold({
      key: `bulk:${stepIds.join(',')}`,
      stepIds,
      decision,
      label: `${verb} ${stepIds.length === 1 ? titles.get(stepIds[0]!) : countOf(stepIds.length, 'request')}`,
      send: async () => {
        try {
          const result = await client.approvals.decideMany.mutate({
            stepIds,
            decision,
            comment: comment || undefined,
          });
          setOutcomes([
            ...(result.decided.length
              ? [{ tone: 'success' as const, text: `${verb} ${countOf(result.decided.length, 'request')}.` }]
              : []),
            ...result.refused.map((r) => ({
              tone: 'error' as const,
              text: `Not decided: ${titles.get(r.stepId) ?? 'a request'}. ${r.reason}`,
            })),
          ]);
        } catch (error) {
          setOutcomes([{ tone: 'error', text: errorMessage(error) }]);
        }
        await refresh();
      },
    });
  };
  const toggle = (id: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  return (
    <>
      <PageHeader
        title="Approvals"
        description="Requests that need your decision, and those of colleagues you stand in for. Approve only what the person needs for their job."
        actions={
          <Link
            href="/settings"
            className="rounded-md px-3 py-2 text-sm font-medium text-brand-700 ring-1 ring-brand-100 hover:bg-brand-50"
          >
            Out of office…
          </Link>
        }
      />
      <div
        className="mb-4 flex gap-1 rounded-md bg-slate-100 p-1 text-sm"
        role="tablist"
        aria-label="Approvals"
      >
        {(['PENDING', 'DECIDED'] as const).map((t) => (
          <button
            key={t}
            role="tab"
            aria-selected={tab === t}
            onClick={() => {
              setSelected(new Set());
              apply({ status: t === 'DECIDED' ? 'DECIDED' : '', request: '', sort: '' });
            }}
            className={`rounded px-3 py-1.5 font-medium ${tab === t ? 'bg-white text-slate-900 shadow-xs' : 'text-slate-600'}`}
          >
            {t === 'PENDING' ? 'Waiting for me' : 'Decided'}
          </button>
        ))}
      </div>
      {values.request ? (
        <div className="mb-4">
          <Notice>
            Showing one request.{' '}
            <button type="button" className="font-medium underline" onClick={() => apply({ request: '' })}>
              Show all {tab === 'PENDING' ? 'waiting for you' : 'you decided'}
            </button>
          </Notice>
        </div>
      ) : hasQueue ? (
        <InboxFilters values={values} apply={apply} facets={facets.data} />
      ) : null}
      {outcomes.length ? (
        <div className="mb-4 space-y-2">
          {outcomes.map((o, i) => (
            <Notice key={i} tone={o.tone}>
              <span className="[overflow-wrap:anywhere]">{o.text}</span>
            </Notice>
          ))}
        </div>
      ) : null}
      {list.isPending ? <Spinner label="Loading approvals" /> : null}
      <QueryError query={list} />
      {list.data && steps.length === 0 ? (
        <EmptyState
          title={
            tab === 'PENDING'
              ? isFiltered
                ? 'Nothing matches these filters'
                : 'Nothing waiting for you'
              : 'No decisions yet'
          }
        >
          {tab === 'PENDING' ? 'You will get a notification when someone needs your approval.' : null}
        </EmptyState>
      ) : null}
      {tab === 'PENDING' && open.length > 1 ? (
        <label className="mb-3 flex items-center gap-2 text-sm text-slate-700">
          <input
            type="checkbox"
            className="size-4 rounded border-slate-300"
            checked={chosen.length === open.length}
            onChange={(e) => setSelected(new Set(e.target.checked ? open.map((s) => s.id) : []))}
          />
          Select all {countOf(open.length, 'request')} shown
        </label>
      ) : null}
      {tab === 'DECIDED' && !values.request ? (
        <DecidedList steps={steps} />
      ) : (
        <ul className="space-y-4">
          {steps.map((step) => (
            <ApprovalCard
              key={step.id}
              step={step}
              held={heldAs.get(step.id) ?? null}
              selected={selected.has(step.id)}
              onSelect={step.status === 'PENDING' ? (on) => toggle(step.id, on) : undefined}
              onDecide={step.status === 'PENDING' ? decideOne : undefined}
            />
          ))}
        </ul>
      )}
      {list.hasNextPage ? (
        <div className="mt-4 flex justify-center">
          <Button
            variant="secondary"
            disabled={list.isFetchingNextPage}
            onClick={() => void list.fetchNextPage()}
          >
            {list.isFetchingNextPage ? 'Loading…' : 'Show more'}
          </Button>
        </div>
      ) : null}
      <BulkDecisionBar count={chosen.length} onClear={() => setSelected(new Set())} onDecide={decideMany} />
      <UndoToast held={held} onUndo={undo} />
    </>
  );
}
