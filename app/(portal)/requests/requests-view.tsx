'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { useTRPC } from '../../_trpc/client.tsx';
import { RequestFilters, useRequestFilters } from './request-filters.tsx';
import { Badge, RiskBadge, StateBadge } from '../../_components/ui/badge.tsx';
import { Button, LinkButton } from '../../_components/ui/button.tsx';
import { Card, EmptyState, Notice, PageHeader } from '../../_components/ui/card.tsx';
import { ConfirmDialog } from '../../_components/ui/confirm-dialog.tsx';
import { requestNumber } from '@/server/shared/request-number.ts';
import { DayText } from '../../_components/ui/day-text.tsx';
import { Timeline } from './timeline.tsx';
import { QueryState } from '@/app/_components/ui/query-state.tsx';

export function RequestsView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const filters = useRequestFilters();
  const list = useQuery(
    trpc.requests.listMine.queryOptions(
      { limit: 50, status: filters.status, search: filters.search },
      {
        // Keep polling while something is still moving.
        refetchInterval: (q) =>
          q.state.data?.some(
            (r) =>
              r.status === 'PENDING' ||
              r.provisioning.state === 'provisioning' ||
              r.provisioning.state === 'retrying',
          )
            ? 2000
            : false,
      },
    ),
  );
  const [cancelling, setCancelling] = useState<{ id: string; name: string } | null>(null);
  const cancel = useMutation(
    trpc.requests.cancel.mutationOptions({
      onSuccess: async () => {
        setCancelling(null);
        await queryClient.invalidateQueries({ queryKey: trpc.requests.listMine.queryKey() });
      },
    }),
  );

  return (
    <>
      <PageHeader
        title="My requests"
        description="Everything you asked for, and what was asked for you: who approved it, and whether it is in place yet."
        actions={<LinkButton href="/catalog">Request access</LinkButton>}
      />
      <RequestFilters filters={filters} />
      <QueryState query={list} loading="Loading your requests">
        {list.data?.length === 0 && filters.isFiltered ? (
          <EmptyState title="No request matches">
            Try another number or name, or show every status.
          </EmptyState>
        ) : list.data?.length === 0 ? (
          <EmptyState title="No requests yet">
            Browse the{' '}
            <Link className="font-medium text-brand-700 underline" href="/catalog">
              catalog
            </Link>{' '}
            to ask for access.
          </EmptyState>
        ) : null}
        <ul className="space-y-4">
          {list.data?.map((r) => {
            const item = r.entitlement ?? r.role;
            return (
              <Card as="li" key={r.id} className="p-5">
                <article
                  aria-label={`${r.kind === 'EXTEND' ? 'Extension of' : 'Request for'} ${item?.name ?? 'access'}`}
                  data-request-id={r.id}
                >
                  <div className="flex flex-wrap items-start justify-between gap-3">
                    <div className="min-w-0">
                      <h2 className="font-semibold text-slate-900">
                        {r.kind === 'EXTEND' ? 'Extend ' : ''}
                        {item?.name}
                      </h2>
                      <p className="text-sm text-slate-500">
                        {r.entitlement?.application.name ?? 'Role'}
                        {r.forSomeoneElse ? ` · for ${r.beneficiary.displayName}` : ''}
                        {r.askedBySomeoneElse ? ` · asked by ${r.requester.displayName}` : ''}
                        {' · '}requested <DayText at={r.createdAt} />
                        {' · '}
                        <span className="font-mono">{requestNumber(r.id)}</span>
                      </p>
                    </div>
                    <div className="flex flex-wrap items-center gap-2">
                      {item ? <RiskBadge risk={item.risk} /> : null}
                      {r.autoApprovedBy ? (
                        <Badge tone="green" title={`Rule “${r.autoApprovedBy}”`}>
                          Approved automatically
                        </Badge>
                      ) : null}
                      <StateBadge state={r.status} />
                      {r.accessEnded ? (
                        <StateBadge state={r.accessEnded.status === 'EXPIRED' ? 'expired' : 'revoked'} />
                      ) : r.status === 'APPROVED' && r.provisioning.state !== 'none' ? (
                        <StateBadge state={r.provisioning.state} reason={r.provisioning.reason} />
                      ) : null}
                    </div>
                  </div>
                  {r.accessEnded ? (
                    <p className="mt-2 text-sm text-slate-600">
                      {r.accessEnded.status === 'EXPIRED' ? 'The access expired' : 'The access was revoked'}
                      {r.accessEnded.by ? ` by ${r.accessEnded.by}` : ''} on <DayText at={r.accessEnded.at} />
                      {r.accessEnded.reason ? `: ${r.accessEnded.reason}` : ''}.
                    </p>
                  ) : null}
                  {r.status === 'PENDING' && r.pendingWith.length ? (
                    <p className="mt-2 text-sm text-slate-600">Waiting for {r.pendingWith.join(', ')}.</p>
                  ) : null}
                  {r.chain.length > 1 ? (
                    <ol
                      aria-label="Approval chain"
                      className="mt-2 flex flex-wrap gap-x-3 gap-y-1 text-xs text-slate-500"
                    >
                      {r.chain.map((st, i) => (
                        <li key={i} className={st.status === 'PENDING' ? 'font-medium text-slate-800' : ''}>
                          {i + 1}. {st.name}:{' '}
                          {st.status === 'APPROVED'
                            ? 'approved'
                            : st.status === 'DENIED'
                              ? 'denied'
                              : st.status === 'PENDING'
                                ? `${st.approvals} of ${st.required}`
                                : st.status === 'WAITING'
                                  ? 'next'
                                  : 'not needed'}
                        </li>
                      ))}
                    </ol>
                  ) : null}
                  {r.sod.map((c) => (
                    <p
                      key={c.ruleName}
                      className="mt-2 rounded-md bg-amber-50 px-3 py-1.5 text-sm text-amber-900"
                    >
                      {c.explanation}
                    </p>
                  ))}
                  {r.provisioning.state === 'retrying' || r.provisioning.state === 'failed' ? (
                    <div className="mt-3">
                      <Notice tone={r.provisioning.state === 'failed' ? 'error' : 'info'}>
                        {r.provisioning.state === 'failed' ? 'Provisioning failed' : 'Retrying'}:{' '}
                        {r.provisioning.reason}
                      </Notice>
                    </div>
                  ) : null}
                  {!r.accessEnded && (r.approvedEndsAt || r.requestedEndsAt) ? (
                    <p className="mt-2 text-sm text-slate-600">
                      Until <DayText at={r.approvedEndsAt ?? r.requestedEndsAt} />
                    </p>
                  ) : null}
                  <details className="group mt-3">
                    <summary className="cursor-pointer text-sm font-medium text-brand-700 hover:underline">
                      Timeline
                    </summary>
                    <Timeline events={r.timeline} />
                  </details>
                  {r.canCancel ? (
                    <div className="mt-3">
                      <Button
                        variant="secondary"
                        size="sm"
                        onClick={() => (
                          cancel.reset(),
                          setCancelling({ id: r.id, name: item?.name ?? 'access' })
                        )}
                      >
                        Cancel request…
                      </Button>
                    </div>
                  ) : null}
                </article>
              </Card>
            );
          })}
        </ul>
      </QueryState>
      <ConfirmDialog
        open={cancelling !== null}
        title={`Cancel your request for ${cancelling?.name ?? 'access'}?`}
        consequences="Its approvers are no longer asked, and nothing is granted. To have it later you request it again, from the start of its approval chain."
        confirmLabel="Cancel request"
        cancelLabel="Keep the request"
        pending={cancel.isPending}
        error={cancel.error}
        onConfirm={() => cancelling && cancel.mutate({ requestId: cancelling.id })}
        onClose={() => setCancelling(null)}
      />
    </>
  );
}
