'use client';

import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../../_trpc/client.tsx';
import { useCan } from '../../../_components/use-can.ts';
import { Badge } from '../../../_components/ui/badge.tsx';
import { EmptyState, PageHeader, Spinner } from '../../../_components/ui/card.tsx';
import { formatRelative } from '../../../_components/ui/format.ts';
import { KIND_LABEL, RunStatusBadge, runSummary } from './source-labels.tsx';
import { QueryError } from '@/app/_components/ui/query-state.tsx';
import { scheduleText } from '@/app/_components/ui/cron-text.ts';
import { LinkButton } from '@/app/_components/ui/button.tsx';
import { CardFacts, LinkedCard } from '@/app/_components/ui/linked-card.tsx';

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
            <LinkButton href="/admin/sources/new">
              <span aria-hidden>+</span> New source
            </LinkButton>
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
            <LinkedCard
              key={s.id}
              href={`/admin/sources/${s.id}`}
              name={s.name}
              code={s.key}
              detail={`${KIND_LABEL[s.kind]} · precedence ${s.precedence} · ${scheduleText(s.schedule)}`}
              badges={
                <>
                  {s.heldRuns ? <Badge tone="amber">{s.heldRuns} held for review</Badge> : null}
                  {s.enabled ? <Badge tone="green">Enabled</Badge> : <Badge tone="gray">Disabled</Badge>}
                </>
              }
            >
              <CardFacts
                facts={[
                  { term: 'People', value: s.records },
                  {
                    term: 'Last run',
                    value: s.lastRun ? (
                      <span className="flex items-center gap-1.5 font-normal text-slate-700">
                        <RunStatusBadge status={s.lastRun.status} /> {formatRelative(s.lastRun.startedAt)} ·{' '}
                        {runSummary(s.lastRun.status, s.lastRun.stats)}
                      </span>
                    ) : (
                      <span className="font-normal text-slate-700">never</span>
                    ),
                  },
                ]}
              />
            </LinkedCard>
          ))}
        </ul>
      ) : null}
    </>
  );
}
