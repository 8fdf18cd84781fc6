'use client';

import type { RiskLevel } from '@/prisma/generated/enums.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage, useTRPC } from '../../../_trpc/client.tsx';
import { RiskBadge } from '../../../_components/ui/badge.tsx';
import { RISK_ORDER } from '@/server/shared/risk-level.ts';
import { Button } from '../../../_components/ui/button.tsx';
import { Notice, Spinner } from '../../../_components/ui/card.tsx';
import { type ColumnDef, DataTable, type RowSelectionState } from '@/app/_components/ui/data-table.tsx';
import { Select } from '@/app/_components/ui/text-field.tsx';
import type { TPolicy } from './policies-view.tsx';

type TTarget = {
  id: string;
  kind: 'ENTITLEMENT' | 'ROLE';
  name: string;
  application: string | null;
  risk: RiskLevel;
  policy: { id: string } | null;
  effective: string;
};

function PolicySelect({
  label,
  value,
  policies,
  fallback,
  disabled,
  onChange,
}: {
  label: string;
  value: string;
  policies: TPolicy[];
  fallback: string;
  disabled: boolean;
  onChange: (id: string | null) => void;
}) {
  return (
    <Select
      label={label}
      labelHidden
      value={value}
      disabled={disabled}
      onChange={(e) => onChange(e.target.value || null)}
    >
      <option value="">{fallback}</option>
      {policies.map((p) => (
        <option key={p.id} value={p.id}>
          {p.name}
        </option>
      ))}
    </Select>
  );
}

/** Every entitlement and role with the policy that decides it; attach one (or several at once), or fall back to the risk default. */
export function PolicyAttachments({ policies, canManage }: { policies: TPolicy[]; canManage: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [selected, setSelected] = useState<RowSelectionState>({});
  const [bulkPolicy, setBulkPolicy] = useState('');
  const targets = useQuery(trpc.approvalPolicies.targets.queryOptions());
  const attach = useMutation(
    trpc.approvalPolicies.attach.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.approvalPolicies.targets.queryKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.approvalPolicies.list.queryKey() });
      },
    }),
  );
  const rows: TTarget[] = targets.data ?? [];
  const picked = rows.filter((t) => selected[t.id]);
  const columns: ColumnDef<TTarget, unknown>[] = [
    {
      id: 'name',
      header: 'Entitlement or role',
      accessorFn: (t) => `${t.name} ${t.application ?? 'Business role'}`,
      enableSorting: true,
      cell: ({ row: { original: t } }) => (
        <>
          <span className="font-medium text-slate-900">{t.name}</span>
          <span className="block text-xs text-slate-500">{t.application ?? 'Business role'}</span>
        </>
      ),
    },
    {
      id: 'risk',
      header: 'Risk',
      accessorFn: (t) => RISK_ORDER[t.risk],
      enableSorting: true,
      cell: ({ row: { original: t } }) => <RiskBadge risk={t.risk} />,
    },
    {
      id: 'policy',
      header: 'Decided by',
      accessorFn: (t) => t.effective,
      enableSorting: true,
      cell: ({ row: { original: t } }) =>
        canManage ? (
          <PolicySelect
            label={`Policy for ${t.name}`}
            value={t.policy?.id ?? ''}
            policies={policies}
            fallback={t.policy ? 'Risk default' : `Risk default: ${t.effective}`}
            disabled={attach.isPending}
            onChange={(policyId) => attach.mutate({ policyId, targets: [{ kind: t.kind, id: t.id }] })}
          />
        ) : (
          <span className="text-slate-700">{t.effective}</span>
        ),
    },
  ];
  return (
    <div className="space-y-3">
      {targets.isPending ? <Spinner label="Loading" /> : null}
      {attach.error ? <Notice tone="error">{errorMessage(attach.error)}</Notice> : null}
      {canManage && picked.length ? (
        <form
          aria-label="Attach the selected"
          className="flex flex-wrap items-center gap-2 rounded-lg border border-brand-100 bg-brand-50 px-3 py-2 text-sm"
          onSubmit={(e) => {
            e.preventDefault();
            attach.mutate(
              { policyId: bulkPolicy || null, targets: picked.map((t) => ({ kind: t.kind, id: t.id })) },
              { onSuccess: () => setSelected({}) },
            );
          }}
        >
          <span className="font-medium text-slate-800">{picked.length} selected:</span>
          <span className="min-w-48 flex-1 sm:flex-none">
            <PolicySelect
              label="Policy for the selected"
              value={bulkPolicy}
              policies={policies}
              fallback="Risk default"
              disabled={attach.isPending}
              onChange={(id) => setBulkPolicy(id ?? '')}
            />
          </span>
          <Button type="submit" size="sm" disabled={attach.isPending}>
            Attach to {picked.length}
          </Button>
          <Button variant="ghost" size="sm" onClick={() => setSelected({})}>
            Clear
          </Button>
        </form>
      ) : null}
      {targets.data ? (
        <DataTable
          caption="Entitlements and roles with their approval policy"
          stackOnPhone
          columns={columns}
          rows={rows}
          rowKey={(t) => t.id}
          search={{ label: 'Filter entitlements and roles', placeholder: 'Filter by name or application…' }}
          selection={canManage ? { selected, onChange: setSelected, rowLabel: (t) => t.name } : undefined}
          empty="No entitlements or roles yet."
        />
      ) : null}
    </div>
  );
}
