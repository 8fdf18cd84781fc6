'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useTRPC } from '../../../_trpc/client.tsx';
import { useCan } from '../../../_components/use-can.ts';
import { Badge } from '../../../_components/ui/badge.tsx';
import { EmptyState, PageHeader } from '../../../_components/ui/card.tsx';
import { conditionText } from './condition-text.ts';
import { countOf } from '@/app/_components/ui/format.ts';
import { QueryState } from '@/app/_components/ui/query-state.tsx';
import { LinkButton } from '@/app/_components/ui/button.tsx';

export function RulesList() {
  const trpc = useTRPC();
  const canCreate = useCan('admin.birthright.manage');
  const rules = useQuery({ ...trpc.birthright.list.queryOptions(), refetchInterval: 5_000 });
  return (
    <>
      <PageHeader
        title="Birthright rules"
        description="Access people get because of who they are: a condition on their attributes and what it grants. When someone stops matching, the access goes, unless they also hold it another way."
        actions={
          canCreate ? (
            <LinkButton href="/admin/birthright/new">
              <span aria-hidden>+</span> New rule
            </LinkButton>
          ) : null
        }
      />
      <QueryState query={rules} loading="Loading rules">
        {rules.data?.length === 0 ? <EmptyState title="No rules yet" /> : null}
        <ul aria-label="Birthright rules" className="grid gap-3">
          {rules.data?.map((r) => (
            <li key={r.id}>
              <Link
                href={`/admin/birthright/${r.id}`}
                className="block rounded-lg border border-slate-200 bg-white p-4 shadow-xs transition hover:border-brand-600/40 hover:shadow-sm"
              >
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <div className="min-w-0">
                    <p className="font-semibold text-slate-900">{r.name}</p>
                    <p className="text-sm text-slate-600">{conditionText(r.condition)}</p>
                  </div>
                  <div className="flex items-center gap-1.5">
                    <Badge tone="indigo">{countOf(r.holders, 'person', 'people')}</Badge>
                    {r.enabled ? <Badge tone="green">Enabled</Badge> : <Badge tone="gray">Disabled</Badge>}
                  </div>
                </div>
                <p className="mt-2 flex flex-wrap gap-1.5 text-xs">
                  {r.grants.map((g) => (
                    <span key={g.id} className="rounded-md bg-slate-100 px-2 py-0.5 text-slate-700">
                      {g.name}
                      {g.application ? (
                        <span className="text-slate-600"> · {g.application}</span>
                      ) : (
                        <span className="text-slate-600"> · role</span>
                      )}
                    </span>
                  ))}
                </p>
              </Link>
            </li>
          ))}
        </ul>
      </QueryState>
    </>
  );
}
