'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import { useTRPC } from '../../../_trpc/client.tsx';
import { Button } from '../../../_components/ui/button.tsx';
import { EmptyState, Spinner } from '../../../_components/ui/card.tsx';
import { OPEN_STATUSES, OperationList } from '../_components/operations.tsx';
import { QueryError } from '@/app/_components/ui/query-state.tsx';

/** Everything Gatehouse has asked this application to do, newest first. */
export function ApplicationOperations({ applicationId }: { applicationId: string }) {
  const trpc = useTRPC();
  const ops = useInfiniteQuery(
    trpc.provisioning.operations.infiniteQueryOptions(
      { applicationId, limit: 25 },
      {
        getNextPageParam: (last) => last.nextCursor ?? undefined,
        refetchInterval: (q) =>
          q.state.data?.pages.some((p) => p.items.some((o) => OPEN_STATUSES.includes(o.status)))
            ? 3000
            : false,
      },
    ),
  );
  const items = ops.data?.pages.flatMap((p) => p.items) ?? [];
  if (ops.isPending) return <Spinner label="Loading operations" />;
  if (ops.error) return <QueryError query={ops} />;
  if (items.length === 0)
    return (
      <EmptyState title="No operations yet">
        Changes appear here once someone is given or loses access in this application.
      </EmptyState>
    );
  return (
    <>
      <p className="mb-3 text-sm text-slate-600">
        Every change sent to this application, newest first. Retry or cancel failures on the{' '}
        <a className="font-medium text-brand-700 underline" href="/admin/provisioning">
          provisioning
        </a>{' '}
        page.
      </p>
      <OperationList items={items} label="Operations" showApplication={false} />
      {ops.hasNextPage ? (
        <div className="mt-4 text-center">
          <Button
            variant="secondary"
            disabled={ops.isFetchingNextPage}
            onClick={() => void ops.fetchNextPage()}
          >
            {ops.isFetchingNextPage ? 'Loading…' : 'Load more'}
          </Button>
        </div>
      ) : null}
    </>
  );
}
