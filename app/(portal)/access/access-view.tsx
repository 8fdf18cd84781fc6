'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useTRPC } from '../../_trpc/client.tsx';
import { EmptyState, PageHeader, Spinner } from '../../_components/ui/card.tsx';
import { AccessList } from './access-list.tsx';
import { QueryError } from '@/app/_components/ui/query-state.tsx';

export function AccessView() {
  const trpc = useTRPC();
  const list = useQuery(
    trpc.access.listMine.queryOptions(undefined, {
      refetchInterval: (q) => (q.state.data?.some((a) => a.items.some((i) => i.state !== 'active')) ? 2000 : false),
    }),
  );
  return (
    <>
      <PageHeader title="My access" description="What you hold in each application, since when, and why. Give up what you no longer need." />
      {list.isPending ? <Spinner label="Loading your access" /> : null}
      <QueryError query={list} />
      {list.data?.length === 0 ? (
        <EmptyState title="You hold no access yet">
          Request what you need from the <Link className="font-medium text-brand-700 underline" href="/catalog">catalog</Link>.
        </EmptyState>
      ) : null}
      {list.data ? <AccessList applications={list.data} mode="self" /> : null}
    </>
  );
}
