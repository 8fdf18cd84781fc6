'use client';

import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { TFailureGroup } from '@/server/trpc/routers/provisioning/list-failure-groups.schema.ts';
import type { TOperationRow } from '@/server/trpc/routers/provisioning/provisioning.schema.ts';
import type { TRetryFailuresOutput } from '@/server/trpc/routers/provisioning/retry-failures.schema.ts';
import { errorMessage, useTRPC } from '../../../_trpc/client.tsx';
import { Button } from '../../../_components/ui/button.tsx';
import { Notice } from '../../../_components/ui/card.tsx';
import { ConfirmDialog } from '@/app/_components/ui/confirm-dialog.tsx';
import { kindLabel, OperationList } from '../_components/operations.tsx';
import { QueryError } from '@/app/_components/ui/query-state.tsx';
import { countOf } from '../../../_components/ui/format.ts';
import { causeText, FailureGroups, groupKey } from './failure-groups.tsx';
import { RetryResult } from './retry-result.tsx';

const describe = (op: TOperationRow) =>
  `${kindLabel(op.kind)}${op.entitlement ? ` “${op.entitlement.name}”` : ''} for ${op.identity?.displayName ?? 'nobody'} in ${op.application.name}`;

/**
 * Operations that gave up, grouped by cause, each with the target's message naming its account;
 * identity admins retry a group, the rows they tick, or one, or cancel one.
 */
export function Failures({ canManage, pollFaster }: { canManage: boolean; pollFaster: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState<TOperationRow | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [shown, setShown] = useState<TFailureGroup | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [bulk, setBulk] = useState<TRetryFailuresOutput | null>(null);
  const refetchInterval = pollFaster ? 3000 : 10_000;
  const groups = useQuery(trpc.provisioning.failureGroups.queryOptions(undefined, { refetchInterval }));
  const failures = useInfiniteQuery(
    trpc.provisioning.operations.infiniteQueryOptions(
      {
        statuses: ['FAILED'],
        limit: 20,
        ...(shown ? { applicationId: shown.application.id, failureCause: shown.cause } : {}),
      },
      { getNextPageParam: (last) => last.nextCursor ?? undefined, refetchInterval },
    ),
  );
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.provisioning.operations.pathKey() });
    await queryClient.invalidateQueries({ queryKey: trpc.provisioning.failureGroups.queryKey() });
    await queryClient.invalidateQueries({ queryKey: trpc.provisioning.overview.queryKey() });
  };
  const retryMany = useMutation(
    trpc.provisioning.retryFailures.mutationOptions({
      onSuccess: async (result) => {
        setBulk(result);
        setSelected(new Set());
        await refresh();
      },
    }),
  );
  const startRetry = (input: Parameters<typeof retryMany.mutate>[0]) => {
    setDone(null);
    setBulk(null);
    retry.reset();
    retryMany.mutate(input);
  };
  const toggle = (op: TOperationRow) =>
    setSelected((current) => {
      const next = new Set(current);
      if (!next.delete(op.id)) next.add(op.id);
      return next;
    });
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
  const busyId = retry.isPending
    ? retry.variables.operationId
    : cancel.isPending
      ? cancel.variables.operationId
      : null;
  const total = groups.data?.groups.reduce((n, g) => n + g.count, 0) ?? 0;
  const retryingGroup =
    retryMany.isPending && 'group' in retryMany.variables
      ? groupKey(retryMany.variables.group)
      : retryMany.isPending
        ? 'selection'
        : null;
  const shownIds = new Set(items.map((o) => o.id));
  const chosen = [...selected].filter((id) => shownIds.has(id));
  return (
    <section aria-labelledby="failures">
      <h2 id="failures" className="mb-1 flex items-center gap-2 text-lg font-semibold text-slate-900">
        Failures
        {total ? (
          <span className="rounded-full bg-red-600 px-2 text-xs font-medium text-white">{total}</span>
        ) : null}
      </h2>
      <p className="mb-3 text-sm text-slate-600">
        Permanent errors and operations whose retries ran out, grouped by cause. Fix the cause in the
        application (or the catalog), then retry the group, the ones you tick, or one; or cancel one to give
        the change up.
      </p>
      <div aria-live="polite" className="mb-3 grid gap-2 empty:hidden">
        {done ? <Notice tone="success">{done}</Notice> : null}
        {bulk ? <RetryResult result={bulk} /> : null}
        {retry.error ? <Notice tone="error">{errorMessage(retry.error)}</Notice> : null}
        {retryMany.error ? <Notice tone="error">{errorMessage(retryMany.error)}</Notice> : null}
      </div>
      <QueryError query={groups} />
      {groups.data?.groups.length ? (
        <div className="mb-4">
          <FailureGroups
            groups={groups.data.groups}
            shown={shown}
            onShow={(g) => {
              setShown(g);
              setSelected(new Set());
            }}
            onRetry={
              canManage
                ? (g) => startRetry({ group: { applicationId: g.application.id, cause: g.cause } })
                : undefined
            }
            retrying={retryingGroup}
          />
        </div>
      ) : null}
      <QueryError query={failures} />
      {failures.data && items.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-6 text-center text-sm text-slate-600">
          {shown ? 'None of this cause is left.' : 'Nothing has failed.'}
        </p>
      ) : null}
      {items.length && (shown || canManage) ? (
        <div className="mb-2 flex flex-wrap items-center justify-between gap-2 text-sm text-slate-600">
          <p className="min-w-0 break-words">
            {shown ? (
              <>
                Showing {causeText(shown)} in {shown.application.name}.
              </>
            ) : (
              'Showing every failure, newest first.'
            )}
          </p>
          <div className="flex flex-wrap gap-2">
            {shown ? (
              <Button size="sm" variant="ghost" onClick={() => setShown(null)}>
                Show all failures
              </Button>
            ) : null}
            {canManage ? (
              <Button
                size="sm"
                variant="secondary"
                disabled={chosen.length === 0 || retryMany.isPending}
                onClick={() => startRetry({ operationIds: chosen })}
              >
                {retryingGroup === 'selection'
                  ? 'Retrying…'
                  : chosen.length
                    ? `Retry ${countOf(chosen.length, 'selected failure')}`
                    : 'Retry selected'}
              </Button>
            ) : null}
          </div>
        </div>
      ) : null}
      {items.length ? (
        <OperationList
          items={items}
          label="Failures"
          selection={canManage ? { selected, toggle, label: (op) => `Select ${describe(op)}` } : undefined}
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
                        setBulk(null);
                        retry.mutate({ operationId: op.id });
                      }}
                    >
                      {retry.isPending && busyId === op.id ? 'Retrying…' : 'Retry'}
                    </Button>
                    {/* The server says who may cancel: nobody gives up on a change to their own access. */}
                    {op.canCancel ? (
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
                    ) : (
                      <span className="self-center text-xs text-slate-500">
                        Your own access: another identity admin may cancel it
                      </span>
                    )}
                  </>
                )
              : undefined
          }
        />
      ) : null}
      {failures.hasNextPage ? (
        <div className="mt-3 text-center">
          <Button
            variant="secondary"
            disabled={failures.isFetchingNextPage}
            onClick={() => void failures.fetchNextPage()}
          >
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
              Cancelling takes back the planned change. Gatehouse stops trying and forgets that it had
              promised it: a membership being added is dropped, an account being created is marked as never
              made, a removal or disable is undone in its records. Nothing is sent to the application.
            </p>
            <p>
              The person’s access then shows what the application really has; the next change to their access,
              or a reconciliation, plans again.
            </p>
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
