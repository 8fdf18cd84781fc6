'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useDeferredValue, useState } from 'react';
import { errorMessage, useTRPC } from '../../../_trpc/client.tsx';
import { Badge, RiskBadge } from '../../../_components/ui/badge.tsx';
import { Button } from '../../../_components/ui/button.tsx';
import { useCan } from '../../../_components/use-can.ts';
import { EmptyState, Notice, Spinner } from '../../../_components/ui/card.tsx';
import { Dialog } from '@/app/_components/ui/dialog.tsx';
import { inputClass, selectClass } from '@/app/_components/ui/field.tsx';
import { formatDate } from '../../../_components/ui/format.ts';
import type { TAggregateEntitlementsOutput } from '@/server/trpc/routers/catalog-admin/aggregate-entitlements.schema.ts';
import { EntitlementForm, KIND_LABEL, type TAdminEntitlement } from './entitlement-dialog.tsx';
import { QueryError } from '@/app/_components/ui/query-state.tsx';

type TShow = 'all' | 'unreviewed' | 'vanished';
const SHOW_LABEL: Record<TShow, string> = { all: 'All entitlements', unreviewed: 'Waiting for review', vanished: 'Gone from the application' };

function aggregationSummary(r: TAggregateEntitlementsOutput): string {
  if (r.emptyReadIgnored) return 'The application listed no entitlements at all; nothing was marked as gone. Check its settings.';
  const parts = [
    `Found ${r.found} in the application`,
    r.discovered ? `${r.discovered} new, not requestable until you review them` : 'nothing new',
    r.vanished ? `${r.vanished} gone (${r.grantsEnded} ${r.grantsEnded === 1 ? 'grant' : 'grants'} ended)` : null,
    r.returned ? `${r.returned} back` : null,
  ];
  return `${parts.filter(Boolean).join('; ')}.`;
}

export function EntitlementsTab({ applicationId, connectorType, canManage }: { applicationId: string; connectorType: string; canManage: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [show, setShow] = useState<TShow>('all');
  const list = useQuery(trpc.catalogAdmin.listEntitlements.queryOptions({ applicationId, show }));
  const canReport = useCan('reports.read');
  const [editing, setEditing] = useState<TAdminEntitlement | 'new' | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search.trim().toLowerCase());
  const importing = useMutation(
    trpc.catalogAdmin.aggregateEntitlements.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.catalogAdmin.listEntitlements.queryKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.applications.list.queryKey() });
      },
    }),
  );
  const items = (list.data ?? []).filter((e) => !q || e.name.toLowerCase().includes(q) || e.externalId.toLowerCase().includes(q));
  return (
    <>
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <label className="min-w-56 flex-1">
          <span className="sr-only">Filter entitlements</span>
          <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Filter by name or target ID…" className={inputClass} />
        </label>
        <label className="flex items-center gap-2 text-sm text-slate-700">
          Show
          <select value={show} onChange={(e) => setShow(e.target.value as TShow)} className={selectClass}>
            {Object.entries(SHOW_LABEL).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        {canManage ? (
          <div className="flex flex-wrap gap-2">
            {connectorType !== 'MANUAL' ? (
              <Button
                variant="secondary"
                disabled={importing.isPending}
                onClick={() => {
                  setSaved(null);
                  importing.mutate({ applicationId });
                }}
              >
                {importing.isPending ? 'Reading…' : 'Read from the application'}
              </Button>
            ) : null}
            <Button
              onClick={() => {
                setSaved(null);
                setEditing('new');
              }}
            >
              <span aria-hidden>+</span> Add entitlement
            </Button>
          </div>
        ) : null}
      </div>
      <div aria-live="polite" className="empty:hidden mb-4 grid gap-2">
        {importing.data ? <Notice tone={importing.data.emptyReadIgnored ? 'error' : 'success'}>{aggregationSummary(importing.data)}</Notice> : null}
        {importing.error ? <Notice tone="error">{errorMessage(importing.error)}</Notice> : null}
        {saved ? <Notice tone="success">Saved “{saved}”.</Notice> : null}
      </div>
      {list.isPending ? <Spinner label="Loading entitlements" /> : null}
      <QueryError query={list} />
      {list.data?.length === 0 ? (
        show === 'all' ? (
          <EmptyState title="No entitlements yet">{canManage ? 'Add one, or read what the application already has.' : 'The identity team has not added any.'}</EmptyState>
        ) : (
          <EmptyState title={show === 'unreviewed' ? 'Nothing waits for review' : 'Nothing is gone from the application'}>Every entitlement of this application is {show === 'unreviewed' ? 'reviewed' : 'still there'}.</EmptyState>
        )
      ) : null}
      {list.data && list.data.length > 0 ? (
        <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-xs">
          <table className="w-full min-w-[46rem] text-left text-sm">
            <caption className="sr-only">Entitlements</caption>
            <thead className="border-b border-slate-100 bg-slate-50/60 text-xs font-semibold tracking-wide text-slate-500 uppercase">
              <tr>
                <th scope="col" className="px-4 py-2">Entitlement and target ID</th>
                <th scope="col" className="px-3 py-2">Kind</th>
                <th scope="col" className="px-3 py-2">Risk</th>
                <th scope="col" className="px-3 py-2">Requestable</th>
                <th scope="col" className="px-3 py-2">Longest</th>
                <th scope="col" className="px-3 py-2">Owner</th>
                <th scope="col" className="px-3 py-2 text-right">Holders</th>
                {canManage ? (
                  <th scope="col" className="px-3 py-2">
                    <span className="sr-only">Actions</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((e) => (
                <tr key={e.id} className="align-top" data-entitlement={e.name}>
                  <th scope="row" className="max-w-80 px-4 py-2.5 font-normal">
                    <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
                      <span className="font-medium break-words text-slate-900">{e.name}</span>
                      {e.review === 'UNREVIEWED' ? (
                        <Badge tone="amber" title="Found in the application; not offered until the identity team reviews and saves it">
                          Unreviewed
                        </Badge>
                      ) : null}
                      {e.vanishedAt ? (
                        <Badge tone="red" title={`Gone from the application since ${formatDate(e.vanishedAt)}`}>
                          Gone
                        </Badge>
                      ) : null}
                    </span>
                    <code className="block font-mono text-xs break-all text-slate-500">{e.externalId}</code>
                  </th>
                  <td className="px-3 py-2.5 whitespace-nowrap text-slate-700">{KIND_LABEL[e.kind]}</td>
                  <td className="px-3 py-2.5 whitespace-nowrap">
                    <RiskBadge risk={e.risk} />
                  </td>
                  <td className="px-3 py-2.5">{e.requestable ? <Badge tone="green">Yes</Badge> : <Badge tone="gray">No</Badge>}</td>
                  <td className="px-3 py-2.5 whitespace-nowrap text-slate-700">{e.maxDurationDays ? `${e.maxDurationDays} days` : 'No limit'}</td>
                  <td className="px-3 py-2.5 text-slate-700">{e.owner?.displayName ?? <span className="text-slate-500">No owner</span>}</td>
                  <td className="px-3 py-2.5 text-right text-slate-900 tabular-nums">
                    {canReport ? (
                      <Link href={`/reports/who-has?entitlement=${e.id}`} className="font-medium text-brand-700 hover:underline" aria-label={`${e.holders}: who has ${e.name}`}>
                        {e.holders}
                      </Link>
                    ) : (
                      e.holders
                    )}
                  </td>
                  {canManage ? (
                    <td className="px-3 py-1.5 text-right">
                      <Button
                        variant="ghost"
                        size="sm"
                        aria-label={`Edit ${e.name}`}
                        onClick={() => {
                          setSaved(null);
                          setEditing(e);
                        }}
                      >
                        Edit
                      </Button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
          {items.length === 0 ? <p className="px-4 py-3 text-sm text-slate-500">Nothing matches “{search}”.</p> : null}
        </div>
      ) : null}
      <Dialog open={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? 'Add an entitlement' : `Edit ${editing?.name ?? ''}`} size="lg">
        <EntitlementForm
          applicationId={applicationId}
          connectorType={connectorType}
          entitlement={editing === 'new' ? null : editing}
          onCancel={() => setEditing(null)}
          onDone={(name) => {
            setEditing(null);
            setSaved(name);
          }}
        />
      </Dialog>
    </>
  );
}
