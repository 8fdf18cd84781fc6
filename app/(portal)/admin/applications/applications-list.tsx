'use client';

import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../../_trpc/client.tsx';
import { Badge } from '../../../_components/ui/badge.tsx';
import { EmptyState, PageHeader, Spinner } from '../../../_components/ui/card.tsx';
import { formatDateTime, formatRelative } from '../../../_components/ui/format.ts';
import { useCanManage } from '../_components/use-can-manage.ts';
import { CONNECTOR_LABEL } from './connector-labels.ts';
import { QueryError } from '@/app/_components/ui/query-state.tsx';
import { LinkButton } from '@/app/_components/ui/button.tsx';
import { CardFacts, LinkedCard } from '@/app/_components/ui/linked-card.tsx';

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
            <LinkButton href="/admin/applications/new">
              <span aria-hidden>+</span> New application
            </LinkButton>
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
            <LinkedCard
              key={a.id}
              href={`/admin/applications/${a.id}`}
              name={a.name}
              code={a.key}
              detail={`${CONNECTOR_LABEL[a.connectorType]} · ${a.owner ? `owned by ${a.owner.displayName}` : 'no owner'}`}
              badges={
                <>
                  {a.enabled ? <Badge tone="green">Enabled</Badge> : <Badge tone="gray">Disabled</Badge>}
                  <TestBadge ok={a.lastTestOk} at={a.lastTestedAt} />
                </>
              }
            >
              {a.description ? (
                <p className="mt-2 line-clamp-2 text-sm text-slate-600">{a.description}</p>
              ) : null}
              <CardFacts
                facts={[
                  { term: 'Entitlements', value: a.entitlements },
                  { term: 'Accounts', value: a.accounts },
                ]}
              />
            </LinkedCard>
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
