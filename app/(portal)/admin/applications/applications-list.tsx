'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useTRPC } from '../../../_trpc/client.tsx';
import { Badge } from '../../../_components/ui/badge.tsx';
import { EmptyState, PageHeader, Spinner } from '../../../_components/ui/card.tsx';
import { formatDateTime, formatRelative } from '../../../_components/ui/format.ts';
import { useCanManage } from '../_components/use-can-manage.ts';
import { CONNECTOR_LABEL } from './connector-labels.ts';
import { QueryError } from '@/app/_components/ui/query-state.tsx';

export function ApplicationsList() {
  const trpc = useTRPC();
  const canManage = useCanManage();
  const apps = useQuery(trpc.applications.list.queryOptions());
  return (
    <>
      <PageHeader
        title="Applications"
        description="The target systems Gatehouse provisions: how it connects, how accounts are named and what can be granted in each."
        actions={
          canManage ? (
            <Link
              href="/admin/applications/new"
              className="inline-flex items-center gap-1.5 rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white shadow-xs hover:bg-brand-700"
            >
              <span aria-hidden>+</span> New application
            </Link>
          ) : null
        }
      />
      {apps.isPending ? <Spinner label="Loading applications" /> : null}
      <QueryError query={apps} />
      {apps.data?.length === 0 ? (
        <EmptyState title="No applications yet">
          Add the first target system with “New application”.
        </EmptyState>
      ) : null}
      {apps.data?.length ? (
        <ul aria-label="Applications" className="grid grid-cols-1 gap-3">
          {apps.data.map((a) => (
            <li key={a.id}>
              <Link
                href={`/admin/applications/${a.id}`}
                className="block rounded-lg border border-slate-200 bg-white p-4 shadow-xs transition hover:border-brand-600/40 hover:shadow-sm"
              >
                <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2">
                  <div className="min-w-0">
                    <p className="flex flex-wrap items-center gap-2">
                      <span className="font-semibold text-slate-900">{a.name}</span>
                      <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-600">
                        {a.key}
                      </code>
                    </p>
                    <p className="mt-0.5 text-sm text-slate-500">
                      {CONNECTOR_LABEL[a.connectorType]}
                      {a.owner ? ` · owned by ${a.owner.displayName}` : ' · no owner'}
                    </p>
                  </div>
                  <div className="flex flex-wrap items-center gap-1.5">
                    {a.enabled ? <Badge tone="green">Enabled</Badge> : <Badge tone="gray">Disabled</Badge>}
                    <TestBadge ok={a.lastTestOk} at={a.lastTestedAt} />
                  </div>
                </div>
                {a.description ? (
                  <p className="mt-2 line-clamp-2 text-sm text-slate-600">{a.description}</p>
                ) : null}
                <dl className="mt-3 flex flex-wrap gap-x-6 gap-y-1 text-sm">
                  <div className="flex gap-1.5">
                    <dt className="text-slate-500">Entitlements</dt>
                    <dd className="font-medium text-slate-900">{a.entitlements}</dd>
                  </div>
                  <div className="flex gap-1.5">
                    <dt className="text-slate-500">Accounts</dt>
                    <dd className="font-medium text-slate-900">{a.accounts}</dd>
                  </div>
                </dl>
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

function TestBadge({ ok, at }: { ok: boolean | null; at: Date | null }) {
  if (ok === null || !at) return <Badge tone="gray">Never tested</Badge>;
  return (
    <Badge tone={ok ? 'green' : 'red'} title={`Last “Test connection”: ${formatDateTime(at)}`}>
      {ok ? 'Connection ok' : 'Connection failed'} · {formatRelative(at)}
    </Badge>
  );
}
