'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { z } from 'zod';
import type { ZAutoRule } from '@/server/trpc/routers/approval-policies/approval-policies.schema.ts';
import { useTRPC } from '../../../_trpc/client.tsx';
import { Badge } from '../../../_components/ui/badge.tsx';
import { Button } from '../../../_components/ui/button.tsx';
import { Card, EmptyState, PageHeader } from '../../../_components/ui/card.tsx';
import { RowActions } from '../../../_components/ui/row-actions.tsx';
import { Dialog } from '@/app/_components/ui/dialog.tsx';
import { useCanManage } from '../_components/use-can-manage.ts';
import { AutoRuleForm } from './auto-rule-form.tsx';
import { QueryState } from '@/app/_components/ui/query-state.tsx';

export type TAutoRule = z.infer<typeof ZAutoRule>;

export function AutoApprovalView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const canManage = useCanManage();
  const [editing, setEditing] = useState<TAutoRule | 'new' | null>(null);
  const list = useQuery(trpc.approvalPolicies.autoRules.queryOptions());
  const remove = useMutation(
    trpc.approvalPolicies.deleteAutoRule.mutationOptions({
      onSuccess: () =>
        queryClient.invalidateQueries({ queryKey: trpc.approvalPolicies.autoRules.queryKey() }),
    }),
  );
  return (
    <>
      <PageHeader
        title="Auto-approval"
        description="Requests that need nobody’s decision. A rule applies only when nothing conflicts under segregation of duties; the request records the rule that approved it."
        actions={canManage ? <Button onClick={() => setEditing('new')}>New rule</Button> : null}
      />
      <QueryState query={list} loading="Loading rules">
        {list.data?.length === 0 ? (
          <EmptyState title="No auto-approval rules">
            Every request goes through its approval chain.
          </EmptyState>
        ) : null}
        <ul className="space-y-3" aria-label="Auto-approval rules">
          {list.data?.map((r) => (
            <Card as="li" key={r.id} className="flex flex-wrap items-start justify-between gap-3 p-4">
              <div>
                <p className="font-semibold text-slate-900">{r.name}</p>
                <p className="text-sm text-slate-600">Approves: {r.summary}.</p>
                {r.description ? <p className="mt-1 text-sm text-slate-500">{r.description}</p> : null}
              </div>
              <div className="flex flex-wrap items-center gap-2">
                {r.enabled ? <Badge tone="green">On</Badge> : <Badge tone="gray">Off</Badge>}
                <Badge tone="blue">Approved {r.approved}</Badge>
                {canManage ? (
                  <RowActions
                    onEdit={() => setEditing(r)}
                    remove={{
                      title: `Delete the rule “${r.name}”?`,
                      consequences:
                        'Requests it would have approved go through their approval chain instead. Requests it approved stay approved and keep its name on their record. Turning the rule off instead keeps it for later.',
                      confirmLabel: 'Delete rule',
                      onConfirm: () => remove.mutateAsync({ id: r.id }),
                    }}
                  />
                ) : null}
              </div>
            </Card>
          ))}
        </ul>
      </QueryState>
      <Dialog
        open={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? 'New auto-approval rule' : 'Edit auto-approval rule'}
      >
        {editing !== null ? (
          <AutoRuleForm
            rule={editing === 'new' ? null : editing}
            onDone={() => setEditing(null)}
            onCancel={() => setEditing(null)}
          />
        ) : null}
      </Dialog>
    </>
  );
}
