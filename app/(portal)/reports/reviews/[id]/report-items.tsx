'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import type { TCampaignItemView } from '@/server/trpc/routers/reviews/campaign-items.schema.ts';
import { useTRPC } from '../../../../_trpc/client.tsx';
import { Badge, RiskBadge } from '../../../../_components/ui/badge.tsx';
import { Button } from '../../../../_components/ui/button.tsx';
import { SentenceText } from '../../../../_components/ui/day-text.tsx';
import { EmptyState } from '../../../../_components/ui/card.tsx';
import { formatInstant } from '../../../../_components/ui/format.ts';
import { QueryState } from '../../../../_components/ui/query-state.tsx';
import { FilterForm } from '../../_components/filter-form.tsx';
import type { useFilterParams } from '../../_components/use-filter-params.ts';
import { EvidenceProvisioning } from '../../requests/[id]/evidence-outcome.tsx';
import { itemFilterInput, ITEM_FILTER_FIELDS } from '../_components/item-filters.ts';
import { DECISION_LABEL, itemAccess, ITEM_STATUS } from '../_components/review-labels.ts';

/** Every item with every decision and, for a revocation, what the target did: a card each, so it prints and fits a phone. */
export function ReportItems({
  campaignId,
  filters,
}: {
  campaignId: string;
  filters: ReturnType<typeof useFilterParams<'status' | 'decision' | 'search'>>;
}) {
  const trpc = useTRPC();
  const items = useInfiniteQuery(
    trpc.reviews.campaignItems.infiniteQueryOptions(
      { campaignId, ...itemFilterInput(filters.values), limit: 50 },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
  );
  const rows = items.data?.pages.flatMap((p) => p.items) ?? [];
  const total = items.data?.pages[0]?.total ?? null;
  return (
    <>
      <div className="print:hidden">
        <FilterForm
          label="Filter items"
          fields={ITEM_FILTER_FIELDS}
          values={filters.values}
          onApply={filters.apply}
        />
      </div>
      <QueryState query={items} loading="Loading the items">
        {rows.length === 0 ? (
          <EmptyState title="No item matches these filters." />
        ) : (
          <>
            <p className="mb-3 text-sm text-slate-600">
              {total === null ? '' : `${total} item${total === 1 ? '' : 's'}`}
            </p>
            <ol className="space-y-4" aria-label="Items and decisions">
              {rows.map((i) => (
                <ReportItem key={i.id} item={i} />
              ))}
            </ol>
            {items.hasNextPage ? (
              <div className="mt-4 print:hidden">
                <Button
                  variant="secondary"
                  onClick={() => void items.fetchNextPage()}
                  disabled={items.isFetchingNextPage}
                >
                  {items.isFetchingNextPage ? 'Loading…' : 'Show more'}
                </Button>
              </div>
            ) : null}
          </>
        )}
      </QueryState>
    </>
  );
}

function ReportItem({ item: i }: { item: TCampaignItemView }) {
  const status = ITEM_STATUS[i.status];
  const risk = i.entitlement?.risk ?? i.role?.risk;
  return (
    <li className="break-inside-avoid rounded-lg border border-slate-200 bg-white p-4 print:border-slate-400">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h3 className="font-medium break-words text-slate-900">
            {i.identity.displayName}{' '}
            <span className="font-normal text-slate-500">({i.identity.username})</span>
          </h3>
          <p className="text-sm break-words text-slate-700">{itemAccess(i)}</p>
        </div>
        <div className="flex flex-wrap gap-2">
          {risk ? <RiskBadge risk={risk} /> : null}
          <Badge tone={status.tone}>{status.label}</Badge>
        </div>
      </div>
      {i.decisions.length ? (
        <ul
          className="mt-3 space-y-2 border-l-2 border-slate-200 pl-3 text-sm"
          aria-label={`Decisions on ${i.identity.displayName}'s ${itemAccess(i)}`}
        >
          {i.decisions.map((d) => (
            <li key={d.id}>
              <span className="font-medium">
                Stage {d.stage}: {DECISION_LABEL[d.decision]}
                {d.reassignedTo ? ` to ${d.reassignedTo.displayName}` : ''}
              </span>{' '}
              <span className="text-slate-600">
                {d.decider ? `by ${d.decider.displayName}` : 'automatically at the due date'},{' '}
                <span className="whitespace-nowrap">{formatInstant(d.decidedAt)}</span>
              </span>
              {d.comment ? (
                <p className="break-words whitespace-pre-wrap text-slate-800">“{d.comment}”</p>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-3 text-sm text-slate-600">
          No decision yet
          {i.reviewer
            ? `: with ${i.reviewer.displayName}`
            : i.reviewerTeam
              ? `: with team ${i.reviewerTeam.name}`
              : ''}
          .
        </p>
      )}
      {i.endedNote ? <p className="mt-3 text-sm break-words text-slate-700">{i.endedNote}.</p> : null}
      {i.status === 'REVOKED' ? (
        <div className="mt-3">
          <h4 className="mb-2 text-sm font-medium text-slate-700">
            In the target
            {i.revokedAt ? (
              <SentenceText text={` (access ended ${formatInstant(i.revokedAt)})`} />
            ) : (
              ' (to be revoked when the campaign closes)'
            )}
          </h4>
          {i.keptThrough ? (
            <p className="mb-2 text-sm break-words text-slate-700">
              The access stayed: {i.identity.displayName} still held it through {i.keptThrough}.
            </p>
          ) : null}
          <EvidenceProvisioning
            operations={i.provisioning}
            empty={
              i.keptThrough
                ? 'No operation in a target: another grant kept the access.'
                : 'No operation in a target was recorded for this revocation (not yet removed).'
            }
          />
        </div>
      ) : null}
    </li>
  );
}
