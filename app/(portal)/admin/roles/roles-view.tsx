'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { z } from 'zod';
import type { ZAdminRole } from '@/server/trpc/routers/catalog-admin/catalog-admin.schema.ts';
import { useTRPC } from '../../../_trpc/client.tsx';
import { Badge, RiskBadge } from '../../../_components/ui/badge.tsx';
import { Button } from '../../../_components/ui/button.tsx';
import { Card, EmptyState, Notice, PageHeader } from '../../../_components/ui/card.tsx';
import { Dialog } from '@/app/_components/ui/dialog.tsx';
import { useCanManage } from '../_components/use-can-manage.ts';
import { RoleForm } from './role-form.tsx';
import { QueryState } from '@/app/_components/ui/query-state.tsx';

export type TAdminRole = z.infer<typeof ZAdminRole>;

export function RolesView() {
  const trpc = useTRPC();
  const canManage = useCanManage();
  const roles = useQuery(trpc.catalogAdmin.listRoles.queryOptions());
  const [editing, setEditing] = useState<TAdminRole | 'new' | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <>
      <PageHeader
        title="Business roles"
        description="Bundles of entitlements, across applications, that people request or are given as one. Changing what a role bundles re-plans everyone who holds it."
        actions={
          canManage ? (
            <Button
              onClick={() => {
                setSaved(null);
                setEditing('new');
              }}
            >
              <span aria-hidden>+</span> New role
            </Button>
          ) : null
        }
      />
      {saved ? (
        <div className="mb-4">
          <Notice tone="success">{saved}</Notice>
        </div>
      ) : null}
      <QueryState query={roles} loading="Loading roles">
        {roles.data?.length === 0 ? (
          <EmptyState title="No business roles yet">
            {canManage ? 'Create one to bundle entitlements people often need together.' : null}
          </EmptyState>
        ) : null}
        <ul aria-label="Business roles" className="grid grid-cols-1 gap-3">
          {roles.data?.map((r) => (
            <Card as="li" key={r.id} className="p-4">
              <article aria-label={r.name}>
                <div className="flex flex-wrap items-start justify-between gap-3">
                  <div className="min-w-0">
                    <h2 className="flex flex-wrap items-center gap-2">
                      <span className="font-semibold text-slate-900">{r.name}</span>
                      <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-600">
                        {r.key}
                      </code>
                    </h2>
                    <p className="text-sm text-slate-500">
                      {r.owner ? `Owned by ${r.owner.displayName}` : 'No owner'} · {r.holders}{' '}
                      {r.holders === 1 ? 'holder' : 'holders'} ·{' '}
                      {r.maxDurationDays ? `up to ${r.maxDurationDays} days` : 'no time limit'}
                    </p>
                  </div>
                  <div className="flex flex-wrap items-center gap-1.5">
                    <RiskBadge risk={r.risk} />
                    {r.requestable ? (
                      <Badge tone="green">Requestable</Badge>
                    ) : (
                      <Badge tone="gray">Not requestable</Badge>
                    )}
                    {canManage ? (
                      <Button
                        variant="secondary"
                        size="sm"
                        aria-label={`Edit ${r.name}`}
                        onClick={() => {
                          setSaved(null);
                          setEditing(r);
                        }}
                      >
                        Edit
                      </Button>
                    ) : null}
                  </div>
                </div>
                {r.description ? <p className="mt-2 text-sm text-slate-600">{r.description}</p> : null}
                <p className="mt-3 text-xs font-medium tracking-wide text-slate-500 uppercase">Bundles</p>
                <ul className="mt-1 flex flex-wrap gap-1.5" aria-label={`Entitlements in ${r.name}`}>
                  {r.entitlements.map((e) => (
                    <li key={e.id} className="rounded-md bg-slate-100 px-2 py-1 text-xs text-slate-800">
                      {e.name} <span className="text-slate-600">· {e.application.name}</span>
                    </li>
                  ))}
                </ul>
              </article>
            </Card>
          ))}
        </ul>
      </QueryState>
      <Dialog
        open={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? 'New business role' : `Edit ${editing?.name ?? ''}`}
        description="A role grants every entitlement it bundles; requests for it are approved as its riskiest entitlement requires, if that is above its own risk."
        size="lg"
      >
        <RoleForm
          role={editing === 'new' ? null : editing}
          onCancel={() => setEditing(null)}
          onDone={(name, isNew) => {
            setEditing(null);
            setSaved(
              isNew
                ? `Created “${name}”.`
                : `Saved “${name}”. Its holders are re-planned if what it bundles changed.`,
            );
          }}
        />
      </Dialog>
    </>
  );
}
