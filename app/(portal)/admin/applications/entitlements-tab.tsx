'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { errorMessage, useTRPC } from '../../../_trpc/client.tsx';
import { Badge, RiskBadge } from '../../../_components/ui/badge.tsx';
import { RISK_ORDER } from '@/server/shared/risk-level.ts';
import { Button } from '../../../_components/ui/button.tsx';
import { useCan } from '../../../_components/use-can.ts';
import { EmptyState, Notice, Spinner } from '../../../_components/ui/card.tsx';
import { Dialog } from '@/app/_components/ui/dialog.tsx';
import { Select } from '@/app/_components/ui/text-field.tsx';
import { DataTable, type ColumnDef } from '@/app/_components/ui/data-table.tsx';
import { formatDate } from '../../../_components/ui/format.ts';
import type { TAggregateEntitlementsOutput } from '@/server/trpc/routers/catalog-admin/aggregate-entitlements.schema.ts';
import { EntitlementForm, KIND_LABEL, type TAdminEntitlement } from './entitlement-dialog.tsx';
import { QueryError } from '@/app/_components/ui/query-state.tsx';

type TShow = 'all' | 'unreviewed' | 'vanished';
const SHOW_LABEL: Record<TShow, string> = {
  all: 'All entitlements',
  unreviewed: 'Waiting for review',
  vanished: 'Gone from the application',
};

function aggregationSummary(r: TAggregateEntitlementsOutput): string {
  if (r.emptyReadIgnored)
    return 'The application listed no entitlements at all; nothing was marked as gone. Check its settings.';
  const parts = [
    `Found ${r.found} in the application`,
    r.discovered ? `${r.discovered} new, not requestable until you review them` : 'nothing new',
    r.vanished
      ? `${r.vanished} gone (${r.grantsEnded} ${r.grantsEnded === 1 ? 'grant' : 'grants'} ended)`
      : null,
    r.returned ? `${r.returned} back` : null,
  ];
  return `${parts.filter(Boolean).join('; ')}.`;
}

export function EntitlementsTab({
  applicationId,
  connectorType,
  canManage,
}: {
  applicationId: string;
  connectorType: string;
  canManage: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [show, setShow] = useState<TShow>('all');
  const list = useQuery(trpc.catalogAdmin.listEntitlements.queryOptions({ applicationId, show }));
  const canReport = useCan('reports.read');
  const [editing, setEditing] = useState<TAdminEntitlement | 'new' | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const importing = useMutation(
    trpc.catalogAdmin.aggregateEntitlements.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.catalogAdmin.listEntitlements.queryKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.applications.list.queryKey() });
      },
    }),
  );
  const edit = (e: TAdminEntitlement) => {
    setSaved(null);
    setEditing(e);
  };
  return (
    <>
      <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
        <Select
          label="Show"
          value={show}
          onChange={(e) => setShow(e.target.value as TShow)}
          className="sm:w-64"
        >
          {Object.entries(SHOW_LABEL).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </Select>
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
        {importing.data ? (
          <Notice tone={importing.data.emptyReadIgnored ? 'error' : 'success'}>
            {aggregationSummary(importing.data)}
          </Notice>
        ) : null}
        {importing.error ? <Notice tone="error">{errorMessage(importing.error)}</Notice> : null}
        {saved ? <Notice tone="success">Saved “{saved}”.</Notice> : null}
      </div>
      {list.isPending ? <Spinner label="Loading entitlements" /> : null}
      <QueryError query={list} />
      {list.data?.length === 0 ? (
        show === 'all' ? (
          <EmptyState title="No entitlements yet">
            {canManage
              ? 'Add one, or read what the application already has.'
              : 'The identity team has not added any.'}
          </EmptyState>
        ) : (
          <EmptyState
            title={
              show === 'unreviewed' ? 'Nothing waits for review' : 'Nothing is gone from the application'
            }
          >
            Every entitlement of this application is {show === 'unreviewed' ? 'reviewed' : 'still there'}.
          </EmptyState>
        )
      ) : null}
      {list.data && list.data.length > 0 ? (
        <DataTable
          caption="Entitlements"
          stackOnPhone
          columns={entitlementColumns({ canManage, canReport, onEdit: edit })}
          rows={list.data}
          rowKey={(e) => e.id}
          search={{ label: 'Filter entitlements', placeholder: 'Filter by name or target ID…' }}
          pageSize={50}
        />
      ) : null}
      <Dialog
        open={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? 'Add an entitlement' : `Edit ${editing?.name ?? ''}`}
        size="lg"
      >
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

function entitlementColumns({
  canManage,
  canReport,
  onEdit,
}: {
  canManage: boolean;
  canReport: boolean;
  onEdit: (e: TAdminEntitlement) => void;
}): ColumnDef<TAdminEntitlement, unknown>[] {
  const columns: ColumnDef<TAdminEntitlement, unknown>[] = [
    {
      id: 'name',
      header: 'Entitlement and target ID',
      // The search box reads both; the column sorts by the name.
      accessorFn: (e) => `${e.name} ${e.externalId}`,
      enableSorting: true,
      meta: { rowHeader: true },
      cell: ({ row: { original: e } }) => (
        <>
          <span className="flex flex-wrap items-center gap-x-2 gap-y-1 font-normal">
            <span className="font-medium break-words text-slate-900">{e.name}</span>
            {e.review === 'UNREVIEWED' ? (
              <Badge
                tone="amber"
                title="Found in the application; not offered until the identity team reviews and saves it"
              >
                Unreviewed
              </Badge>
            ) : null}
            {e.vanishedAt ? (
              <Badge tone="red" title={`Gone from the application since ${formatDate(e.vanishedAt)}`}>
                Gone
              </Badge>
            ) : null}
          </span>
          <code className="block font-mono text-xs font-normal break-all text-slate-600">{e.externalId}</code>
        </>
      ),
    },
    { id: 'kind', header: 'Kind', accessorFn: (e) => KIND_LABEL[e.kind], enableSorting: true },
    {
      id: 'risk',
      header: 'Risk',
      accessorFn: (e) => RISK_ORDER[e.risk],
      enableSorting: true,
      cell: ({ row: { original: e } }) => <RiskBadge risk={e.risk} />,
    },
    {
      id: 'requestable',
      header: 'Requestable',
      accessorFn: (e) => (e.requestable ? 'Yes' : 'No'),
      cell: ({ row: { original: e } }) =>
        e.requestable ? <Badge tone="green">Yes</Badge> : <Badge tone="gray">No</Badge>,
    },
    {
      id: 'longest',
      header: 'Longest',
      accessorFn: (e) => (e.maxDurationDays ? `${e.maxDurationDays} days` : 'No limit'),
    },
    {
      id: 'owner',
      header: 'Owner',
      accessorFn: (e) => e.owner?.displayName ?? '',
      cell: ({ row: { original: e } }) =>
        e.owner?.displayName ?? <span className="text-slate-600">No owner</span>,
    },
    {
      id: 'holders',
      header: 'Holders',
      accessorFn: (e) => e.holders,
      enableSorting: true,
      meta: { align: 'right' },
      cell: ({ row: { original: e } }) =>
        canReport ? (
          <Link
            href={`/reports/who-has?entitlement=${e.id}`}
            className="font-medium text-brand-700 hover:underline"
            aria-label={`${e.holders}: who has ${e.name}`}
          >
            {e.holders}
          </Link>
        ) : (
          e.holders
        ),
    },
  ];
  if (!canManage) return columns;
  return [
    ...columns,
    {
      id: 'actions',
      header: () => <span className="sr-only">Actions</span>,
      cell: ({ row: { original: e } }) => (
        <Button variant="ghost" size="sm" aria-label={`Edit ${e.name}`} onClick={() => onEdit(e)}>
          Edit
        </Button>
      ),
    },
  ];
}
