'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useTRPC } from '../../../_trpc/client.tsx';
import { useCan } from '../../../_components/use-can.ts';
import { Badge } from '../../../_components/ui/badge.tsx';
import { EmptyState, PageHeader, Spinner } from '../../../_components/ui/card.tsx';
import { formatRelative } from '../../../_components/ui/format.ts';
import { KIND_LABEL, RunStatusBadge, runSummary } from './source-labels.tsx';
import { QueryError } from '@/app/_components/ui/query-state.tsx';
import { scheduleText } from '@/app/_components/ui/cron-text.ts';

export function SourcesList() {
  const trpc = useTRPC();
  const canCreate = useCan('admin.sources.manage');
  const sources = useQuery({ ...trpc.sources.list.queryOptions(), refetchInterval: 5_000 });
  return (
    <>
      <PageHeader
        title="Authoritative sources"
        description="Where people come from: HR files and databases, and identity providers pushing over SCIM. Each sync is validated, diffed against the repository and turned into joiners, movers and leavers."
        actions={
          canCreate ? (
            <Link
              href="/admin/sources/new"
              className="inline-flex items-center gap-1.5 rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white shadow-xs hover:bg-brand-700"
            >
              <span aria-hidden>+</span> New source
            </Link>
          ) : null
        }
      />
      {sources.isPending ? <Spinner label="Loading sources" /> : null}
      <QueryError query={sources} />
      {sources.data?.length === 0 ? (
        <EmptyState title="No sources yet">
          Add an HR file drop or the HR database with “New source”.
        </EmptyState>
      ) : null}
      {sources.data?.length ? (
        <ul aria-label="Sources" className="grid grid-cols-1 gap-3">
          {sources.data.map((s) => (
            <li key={s.id}>
              <Link
                href={`/admin/sources/${s.id}`}
                className="block rounded-lg border border-slate-200 bg-white p-4 shadow-xs transition hover:border-brand-600/40 hover:shadow-sm"
              >
                <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2">
                  <div className="min-w-0">
                    <p className="flex flex-wrap items-center gap-2">
                      <span className="font-semibold text-slate-900">{s.name}</span>
                      <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-600">
                        {s.key}
                      </code>
                    </p>
                    <p className="mt-0.5 text-sm text-slate-500">
                      {KIND_LABEL[s.kind]} · precedence {s.precedence}
                      {` · ${scheduleText(s.schedule)}`}
                    </p>
                  </div>
                  <div className="flex flex-wrap items-center gap-1.5">
                    {s.heldRuns ? <Badge tone="amber">{s.heldRuns} held for review</Badge> : null}
                    {s.enabled ? <Badge tone="green">Enabled</Badge> : <Badge tone="gray">Disabled</Badge>}
                  </div>
                </div>
                <dl className="mt-3 flex flex-wrap gap-x-6 gap-y-1 text-sm">
                  <div className="flex gap-1.5">
                    <dt className="text-slate-500">People</dt>
                    <dd className="font-medium text-slate-900">{s.records}</dd>
                  </div>
                  <div className="flex items-center gap-1.5">
                    <dt className="text-slate-500">Last run</dt>
                    <dd className="flex items-center gap-1.5 text-slate-700">
                      {s.lastRun ? (
                        <>
                          <RunStatusBadge status={s.lastRun.status} /> {formatRelative(s.lastRun.startedAt)} ·{' '}
                          {runSummary(s.lastRun.status, s.lastRun.stats)}
                        </>
                      ) : (
                        'never'
                      )}
                    </dd>
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
