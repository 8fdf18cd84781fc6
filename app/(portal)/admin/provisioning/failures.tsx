'use client';

import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { TOperationRow } from '@/server/trpc/routers/provisioning/provisioning.schema.ts';
import { errorMessage, useTRPC } from '../../../_trpc/client.tsx';
import { Button } from '../../../_components/ui/button.tsx';
import { Notice } from '../../../_components/ui/card.tsx';
import { ConfirmDialog } from '@/app/_components/ui/confirm-dialog.tsx';
import { kindLabel, OperationList } from '../_components/operations.tsx';
import { QueryError } from '@/app/_components/ui/query-state.tsx';

const describe = (op: TOperationRow) => `${kindLabel(op.kind)}${op.entitlement ? ` “${op.entitlement.name}”` : ''} for ${op.identity?.displayName ?? 'nobody'} in ${op.application.name}`;

/** Operations that gave up, with the target's message; identity admins retry or cancel them. */
export function Failures({ canManage, pollFaster }: { canManage: boolean; pollFaster: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState<TOperationRow | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const failures = useInfiniteQuery(
    trpc.provisioning.operations.infiniteQueryOptions(
      { statuses: ['FAILED'], limit: 20 },
      { getNextPageParam: (last) => last.nextCursor ?? undefined, refetchInterval: pollFaster ? 3000 : 10_000 },
    ),
  );
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.provisioning.operations.pathKey() });
    await queryClient.invalidateQueries({ queryKey: trpc.provisioning.overview.queryKey() });
  };
  const retry = useMutation(
    trpc.provisioning.retry.mutationOptions({
      onSuccess: async (_r, { operationId }) => {
        const op = items.find((o) => o.id === operationId);
        setDone(op ? `Retrying: ${describe(op)}.` : 'Retrying.');
        await refresh();
      },
    }),
  );
  const cancel = useMutation(
    trpc.provisioning.cancel.mutationOptions({
      onSuccess: async (_r, { operationId }) => {
        const op = items.find((o) => o.id === operationId);
        setConfirming(null);
        setDone(op ? `Cancelled: ${describe(op)}.` : 'Cancelled.');
        await refresh();
      },
    }),
  );
  const items = failures.data?.pages.flatMap((p) => p.items) ?? [];
  const busyId = retry.isPending ? retry.variables.operationId : cancel.isPending ? cancel.variables.operationId : null;
  return (
    <section aria-labelledby="failures">
      <h2 id="failures" className="mb-1 flex items-center gap-2 text-lg font-semibold text-slate-900">
        Failures
        {items.length ? <span className="rounded-full bg-red-600 px-2 text-xs font-medium text-white">{failures.hasNextPage ? `${items.length}+` : items.length}</span> : null}
      </h2>
      <p className="mb-3 text-sm text-slate-600">
        Permanent errors and operations whose retries ran out. Fix the cause in the application (or the catalog), then retry; or cancel to give the change up.
      </p>
      <div aria-live="polite" className="mb-3 grid gap-2 empty:hidden">
        {done ? <Notice tone="success">{done}</Notice> : null}
        {retry.error ? <Notice tone="error">{errorMessage(retry.error)}</Notice> : null}
      </div>
      <QueryError query={failures} />
      {failures.data && items.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-6 text-center text-sm text-slate-600">Nothing has failed.</p>
      ) : null}
      {items.length ? (
        <OperationList
          items={items}
          label="Failures"
          actions={
            canManage
              ? (op) => (
                  <>
                    <Button
                      size="sm"
                      variant="secondary"
                      disabled={busyId === op.id}
                      aria-label={`Retry ${describe(op)}`}
                      onClick={() => {
                        setDone(null);
                        retry.mutate({ operationId: op.id });
                      }}
                    >
                      {retry.isPending && busyId === op.id ? 'Retrying…' : 'Retry'}
                    </Button>
                    <Button
                      size="sm"
                      variant="danger"
                      disabled={busyId === op.id}
                      aria-label={`Cancel ${describe(op)}`}
                      onClick={() => {
                        setDone(null);
                        cancel.reset();
                        setConfirming(op);
                      }}
                    >
                      Cancel…
                    </Button>
                  </>
                )
              : undefined
          }
        />
      ) : null}
      {failures.hasNextPage ? (
        <div className="mt-3 text-center">
          <Button variant="secondary" disabled={failures.isFetchingNextPage} onClick={() => void failures.fetchNextPage()}>
            {failures.isFetchingNextPage ? 'Loading…' : 'Load more failures'}
          </Button>
        </div>
      ) : null}
      <ConfirmDialog
        open={confirming !== null}
        title="Cancel this operation?"
        consequences={
          <>
            <p className="font-medium text-slate-900">{confirming ? describe(confirming) : null}</p>
            <p>
              Cancelling takes back the planned change. Gatehouse stops trying and forgets that it had promised it: a membership being added is dropped, an account being created is
              marked as never made, a removal or disable is undone in its records. Nothing is sent to the application.
            </p>
            <p>The person’s access then shows what the application really has; the next change to their access, or a reconciliation, plans again.</p>
          </>
        }
        confirmLabel="Cancel the operation"
        pending={cancel.isPending}
        error={cancel.error}
        onConfirm={() => confirming && cancel.mutate({ operationId: confirming.id })}
        onClose={() => setConfirming(null)}
      />
    </section>
  );
}
