'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { useTRPC } from '../../_trpc/client.tsx';
import { StateBadge } from '../../_components/ui/badge.tsx';
import { Card, EmptyState, PageHeader, Spinner } from '../../_components/ui/card.tsx';
import { formatDate } from '../../_components/ui/format.ts';
import { ApprovalCard } from './approval-card.tsx';
import { QueryError } from '@/app/_components/ui/query-state.tsx';

export function ApprovalsView() {
  const trpc = useTRPC();
  const [tab, setTab] = useState<'PENDING' | 'DECIDED'>('PENDING');
  const list = useQuery(trpc.approvals.listMine.queryOptions({ status: tab }));

  return (
    <>
      <PageHeader
        title="Approvals"
        description="Requests that need your decision, and those of colleagues you stand in for. Approve only what the person needs for their job."
        actions={
          <Link href="/settings" className="rounded-md px-3 py-2 text-sm font-medium text-brand-700 ring-1 ring-brand-100 hover:bg-brand-50">
            Out of office…
          </Link>
        }
      />
      <div className="mb-5 flex gap-1 rounded-md bg-slate-100 p-1 text-sm" role="tablist" aria-label="Approvals">
        {(['PENDING', 'DECIDED'] as const).map((t) => (
          <button
            key={t}
            role="tab"
            aria-selected={tab === t}
            onClick={() => setTab(t)}
            className={`rounded px-3 py-1.5 font-medium ${tab === t ? 'bg-white text-slate-900 shadow-xs' : 'text-slate-600'}`}
          >
            {t === 'PENDING' ? 'Waiting for me' : 'Decided'}
          </button>
        ))}
      </div>
      {list.isPending ? <Spinner label="Loading approvals" /> : null}
      <QueryError query={list} />
      {list.data?.length === 0 ? (
        <EmptyState title={tab === 'PENDING' ? 'Nothing waiting for you' : 'No decisions yet'}>
          {tab === 'PENDING' ? 'You will get a notification when someone needs your approval.' : null}
        </EmptyState>
      ) : null}
      <ul className="space-y-4">
        {list.data?.map((step) =>
          tab === 'PENDING' ? (
            <ApprovalCard key={step.id} step={step} />
          ) : (
            <Card as="li" key={step.id} className="flex flex-wrap items-center justify-between gap-3 p-4">
              <div className="text-sm">
                <p className="font-medium text-slate-900">
                  {step.request.entitlement?.name ?? step.request.role?.name} for {step.request.beneficiary.displayName}
                </p>
                <p className="text-slate-500">
                  Decided {formatDate(step.decidedAt)}
                  {step.comment ? ` · “${step.comment}”` : ''}
                </p>
              </div>
              <StateBadge state={step.status} />
            </Card>
          ),
        )}
      </ul>
    </>
  );
}
