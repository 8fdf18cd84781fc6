'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { z } from 'zod';
import type { ZSodRule } from '@/server/trpc/routers/sod/sod.schema.ts';
import { useTRPC } from '../../../_trpc/client.tsx';
import { Badge } from '../../../_components/ui/badge.tsx';
import { Button } from '../../../_components/ui/button.tsx';
import { EmptyState, PageHeader } from '../../../_components/ui/card.tsx';
import { ItemCard } from '../../../_components/ui/item-card.tsx';
import { Dialog } from '@/app/_components/ui/dialog.tsx';
import { useCanManage } from '../_components/use-can-manage.ts';
import { SodRuleEditor } from './sod-rule-editor.tsx';
import { QueryState } from '@/app/_components/ui/query-state.tsx';

export type TSodRule = z.infer<typeof ZSodRule>;

const Side = ({ items }: { items: TSodRule['sideA'] }) => (
  <ul className="flex flex-wrap gap-1.5">
    {items.map((i) => (
      <li
        key={i.id}
        className="rounded-md bg-slate-100 px-2 py-0.5 text-xs text-slate-800 ring-1 ring-slate-200"
      >
        {i.name}
        <span className="text-slate-600"> · {i.application ?? 'role'}</span>
      </li>
    ))}
  </ul>
);

export function SodRulesView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const canManage = useCanManage();
  const [editing, setEditing] = useState<TSodRule | 'new' | null>(null);
  const rules = useQuery(trpc.sod.rules.queryOptions());
  const remove = useMutation(
    trpc.sod.deleteRule.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.sod.rules.queryKey() }),
    }),
  );
  return (
    <>
      <PageHeader
        title="Segregation of duties"
        description="What nobody may hold together. Blocking rules refuse the access; mitigatable ones allow it only with a mitigating control recorded by a security officer. Checked at submit, at every approval, before provisioning and for birthright."
        actions={canManage ? <Button onClick={() => setEditing('new')}>New rule</Button> : null}
      />
      <QueryState query={rules} loading="Loading rules">
        {rules.data?.length === 0 ? (
          <EmptyState title="No rules yet">Name two sets of access that must not meet.</EmptyState>
        ) : null}
        <ul className="space-y-3" aria-label="Rules">
          {rules.data?.map((r) => (
            <ItemCard
              key={r.id}
              name={r.name}
              detail={
                r.description ? <p className="text-sm break-words text-slate-600">{r.description}</p> : null
              }
              badges={
                <>
                  {r.severity === 'BLOCK' ? (
                    <Badge tone="red">Blocks</Badge>
                  ) : (
                    <Badge tone="amber">Needs a mitigating control</Badge>
                  )}
                  {!r.enabled ? <Badge tone="gray">Off</Badge> : null}
                  <Badge tone={r.openViolations ? 'red' : 'green'}>{r.openViolations} violating now</Badge>
                </>
              }
              actions={
                canManage
                  ? {
                      onEdit: () => setEditing(r),
                      remove: {
                        title: `Delete the rule “${r.name}”?`,
                        consequences: r.openViolations
                          ? `Nobody is checked against it any more, and its ${r.openViolations} open violation${r.openViolations === 1 ? ' is' : 's are'} resolved now. The rule is retired, not erased: every violation it found and every mitigating control stays in the SoD violations report. Turning the rule off instead keeps it for later.`
                          : 'Nobody is checked against it any more: not at submit, not at approval, not before provisioning. Whatever it found stays in the SoD violations report. Turning the rule off instead keeps it for later.',
                        confirmLabel: 'Delete rule',
                        onConfirm: () => remove.mutateAsync({ id: r.id }),
                      },
                    }
                  : null
              }
            >
              <div className="mt-3 grid items-center gap-2 sm:grid-cols-[1fr_auto_1fr]">
                <Side items={r.sideA} />
                <span className="text-center text-xs font-semibold text-slate-600 uppercase">with</span>
                <Side items={r.sideB} />
              </div>
            </ItemCard>
          ))}
        </ul>
      </QueryState>
      <Dialog
        open={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? 'New rule' : `Edit ${editing?.name ?? ''}`}
        size="lg"
      >
        {editing !== null ? (
          <SodRuleEditor
            rule={editing === 'new' ? null : editing}
            onDone={() => setEditing(null)}
            onCancel={() => setEditing(null)}
          />
        ) : null}
      </Dialog>
    </>
  );
}
