'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useDeferredValue, useState } from 'react';
import { errorMessage, useTRPC } from '../../../_trpc/client.tsx';
import { RiskBadge } from '../../../_components/ui/badge.tsx';
import { Card, Notice, Spinner } from '../../../_components/ui/card.tsx';
import { inputClass, selectClass } from '@/app/_components/ui/field.tsx';
import type { TPolicy } from './policies-view.tsx';

/** Every entitlement and role with the policy that decides it; attach one, or fall back to the risk default. */
export function PolicyAttachments({ policies, canManage }: { policies: TPolicy[]; canManage: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [filter, setFilter] = useState('');
  const q = useDeferredValue(filter.trim().toLowerCase());
  const targets = useQuery(trpc.approvalPolicies.targets.queryOptions());
  const attach = useMutation(
    trpc.approvalPolicies.attach.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.approvalPolicies.targets.queryKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.approvalPolicies.list.queryKey() });
      },
    }),
  );
  const visible = (targets.data ?? []).filter((t) => !q || t.name.toLowerCase().includes(q) || (t.application ?? 'role').toLowerCase().includes(q));
  return (
    <Card className="overflow-hidden">
      <div className="border-b border-slate-100 p-3">
        <input type="search" aria-label="Filter entitlements and roles" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="Filter by name or application…" className={inputClass} />
      </div>
      {targets.isPending ? <Spinner label="Loading" /> : null}
      {attach.error ? <Notice tone="error">{errorMessage(attach.error)}</Notice> : null}
      <table className="w-full text-left text-sm">
        <thead className="bg-slate-50 text-xs text-slate-500 uppercase">
          <tr>
            <th className="px-4 py-2 font-medium">Entitlement or role</th>
            <th className="px-4 py-2 font-medium">Risk</th>
            <th className="px-4 py-2 font-medium">Decided by</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {visible.map((t) => (
            <tr key={t.id}>
              <td className="px-4 py-2">
                <span className="font-medium text-slate-900">{t.name}</span>
                <span className="block text-xs text-slate-500">{t.application ?? 'Business role'}</span>
              </td>
              <td className="px-4 py-2">
                <RiskBadge risk={t.risk} />
              </td>
              <td className="px-4 py-2">
                {canManage ? (
                  <select
                    aria-label={`Policy for ${t.name}`}
                    value={t.policy?.id ?? ''}
                    disabled={attach.isPending}
                    onChange={(e) => attach.mutate({ policyId: e.target.value || null, targets: [{ kind: t.kind, id: t.id }] })}
                    className={`${selectClass} w-full`}
                  >
                    <option value="">{t.policy ? 'Risk default' : `Risk default: ${t.effective}`}</option>
                    {policies.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.name}
                      </option>
                    ))}
                  </select>
                ) : (
                  <span className="text-slate-700">{t.effective}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
