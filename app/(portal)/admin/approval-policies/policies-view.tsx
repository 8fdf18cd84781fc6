'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { z } from 'zod';
import type { ZPolicy } from '@/server/trpc/routers/approval-policies/approval-policies.schema.ts';
import { useTRPC } from '../../../_trpc/client.tsx';
import { Badge } from '../../../_components/ui/badge.tsx';
import { Button } from '../../../_components/ui/button.tsx';
import { EmptyState, Notice, PageHeader } from '../../../_components/ui/card.tsx';
import { ItemCard } from '../../../_components/ui/item-card.tsx';
import { Dialog } from '@/app/_components/ui/dialog.tsx';
import { TabPanel, Tabs } from '@/app/_components/ui/tabs.tsx';
import { useCanManage } from '../_components/use-can-manage.ts';
import { describeStage, type TNames } from './describe-stage.ts';
import { PolicyAttachments } from './policy-attachments.tsx';
import { PolicyEditor } from './policy-editor.tsx';
import { RequestSettings } from './request-settings.tsx';
import { QueryState } from '@/app/_components/ui/query-state.tsx';

export type TPolicy = z.infer<typeof ZPolicy>;
type TTab = 'policies' | 'attachments' | 'settings';
const RISK_TONE = { LOW: 'green', MEDIUM: 'amber', HIGH: 'red' } as const;

export function PoliciesView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const canManage = useCanManage();
  const [tab, setTab] = useState<TTab>('policies');
  const [editing, setEditing] = useState<TPolicy | 'new' | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const list = useQuery(trpc.approvalPolicies.list.queryOptions());
  const remove = useMutation(
    trpc.approvalPolicies.delete.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.approvalPolicies.list.queryKey() }),
    }),
  );
  const names: TNames = {
    teams: new Map((list.data?.teams ?? []).map((t) => [t.key, t.name])),
    people: new Map((list.data?.people ?? []).map((p) => [p.id, p.displayName])),
  };

  return (
    <>
      <PageHeader
        title="Approval policies"
        description="Who approves what: ordered stages of approvers, each deciding by any one, all, or N of M. Attach a policy to entitlements and roles, or make it the default for a risk level."
        actions={
          canManage && tab === 'policies' ? (
            <Button onClick={() => setEditing('new')}>New policy</Button>
          ) : null
        }
      />
      <Tabs
        label="Approval policies"
        active={tab}
        onChange={setTab}
        tabs={[
          { id: 'policies', label: 'Policies' },
          { id: 'attachments', label: 'Attached to' },
          { id: 'settings', label: 'Request settings' },
        ]}
      >
        <TabPanel id={tab}>
          {tab === 'policies' ? (
            <>
              {saved ? (
                <div className="mb-4">
                  <Notice tone="success">Saved “{saved}”.</Notice>
                </div>
              ) : null}
              <QueryState query={list} loading="Loading policies">
                {list.data?.policies.length === 0 ? (
                  <EmptyState title="No policies yet">Every request then needs only the manager.</EmptyState>
                ) : null}
                <ul className="space-y-3" aria-label="Policies">
                  {list.data?.policies.map((p) => (
                    <ItemCard
                      key={p.id}
                      name={p.name}
                      detail={<p className="font-mono text-xs break-all text-slate-600">{p.key}</p>}
                      badges={
                        <>
                          {p.defaultForRisk ? (
                            <Badge tone={RISK_TONE[p.defaultForRisk]}>
                              Default for {p.defaultForRisk.toLowerCase()} risk
                            </Badge>
                          ) : null}
                          <Badge tone="gray">Attached to {p.attached}</Badge>
                          {!p.valid ? <Badge tone="red">Invalid: manager approval used</Badge> : null}
                        </>
                      }
                      actions={
                        canManage
                          ? {
                              onEdit: () => setEditing(p),
                              remove: {
                                title: `Delete the policy “${p.name}”?`,
                                consequences: p.attached
                                  ? `The ${p.attached} entitlement${p.attached === 1 ? '' : 's'} and roles attached to it fall back to the default policy for their risk level. Requests already waiting keep the approvers they were given.`
                                  : 'Nothing is attached to it. Requests already waiting keep the approvers they were given.',
                                confirmLabel: 'Delete policy',
                                onConfirm: () => remove.mutateAsync({ id: p.id }),
                              },
                            }
                          : null
                      }
                    >
                      {p.description ? (
                        <p className="mt-1 text-sm break-words text-slate-600">{p.description}</p>
                      ) : null}
                      <ol className="mt-3 space-y-1 text-sm text-slate-700">
                        {p.stages.map((s, i) => (
                          <li key={i}>
                            <span className="font-medium">
                              {i + 1}. {s.name}
                            </span>
                            : {describeStage(s, names)}
                          </li>
                        ))}
                      </ol>
                    </ItemCard>
                  ))}
                </ul>
              </QueryState>
            </>
          ) : tab === 'attachments' ? (
            <PolicyAttachments policies={list.data?.policies ?? []} canManage={canManage} />
          ) : (
            <RequestSettings canManage={canManage} />
          )}
        </TabPanel>
      </Tabs>
      <Dialog
        open={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? 'New approval policy' : `Edit ${editing?.name ?? ''}`}
        size="lg"
      >
        {editing !== null && list.data ? (
          <PolicyEditor
            policy={editing === 'new' ? null : editing}
            teams={list.data.teams}
            people={list.data.people}
            onCancel={() => setEditing(null)}
            onDone={(name) => {
              setEditing(null);
              setSaved(name);
            }}
          />
        ) : null}
      </Dialog>
    </>
  );
}
