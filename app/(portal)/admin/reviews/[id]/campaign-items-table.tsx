'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import type { TCampaignItemView } from '@/server/trpc/routers/reviews/campaign-items.schema.ts';
import { useTRPC } from '../../../../_trpc/client.tsx';
import { Badge } from '../../../../_components/ui/badge.tsx';
import { DataTable, type ColumnDef } from '../../../../_components/ui/data-table.tsx';
import { formatDateTime } from '../../../../_components/ui/format.ts';
import { QueryState } from '../../../../_components/ui/query-state.tsx';
import { FilterForm } from '../../../reports/_components/filter-form.tsx';
import { useFilterParams } from '../../../reports/_components/use-filter-params.ts';
import { itemFilterInput, ITEM_FILTER_FIELDS } from '../../../reports/reviews/_components/item-filters.ts';
import {
  DECISION_LABEL,
  itemAccess,
  ITEM_STATUS,
} from '../../../reports/reviews/_components/review-labels.ts';

const KEYS = ['status', 'decision', 'search'] as const;

const columns: ColumnDef<TCampaignItemView>[] = [
  {
    header: 'Person',
    cell: ({ row: { original: i } }) => (
      <>
        <span className="font-medium">{i.identity.displayName}</span>
        <span className="block text-xs text-slate-500">
          {[i.identity.username, i.identity.department].filter(Boolean).join(' · ')}
        </span>
      </>
    ),
  },
  {
    header: 'Access',
    cell: ({ row: { original: i } }) => (
      <span className="block break-words sm:min-w-40">{itemAccess(i)}</span>
    ),
  },
  {
    header: 'Status',
    cell: ({ row: { original: i } }) => (
      <Badge tone={ITEM_STATUS[i.status].tone}>{ITEM_STATUS[i.status].label}</Badge>
    ),
  },
  {
    header: 'With',
    cell: ({ row: { original: i } }) => (
      <span className="text-sm">
        {i.reviewer?.displayName ?? (i.reviewerTeam ? `Team ${i.reviewerTeam.name}` : '—')}
        <span className="block text-xs text-slate-500">stage {i.stage}</span>
      </span>
    ),
  },
  {
    header: 'Last decision',
    cell: ({ row: { original: i } }) => {
      const d = i.decisions.at(-1);
      if (!d) return <span className="text-slate-500">None yet</span>;
      return (
        <span className="block text-sm sm:min-w-44">
          {DECISION_LABEL[d.decision]} by {d.decider?.displayName ?? 'the campaign at the due date'}
          <span className="block text-xs whitespace-nowrap text-slate-500">
            {formatDateTime(d.decidedAt)}
          </span>
          {d.comment ? <span className="block text-xs break-words text-slate-600">“{d.comment}”</span> : null}
        </span>
      );
    },
  },
];

/** The campaign's items, filtered by the query string, a page at a time. */
export function CampaignItemsTable({ campaignId }: { campaignId: string }) {
  const trpc = useTRPC();
  const { values, apply } = useFilterParams(KEYS);
  const items = useInfiniteQuery(
    trpc.reviews.campaignItems.infiniteQueryOptions(
      { campaignId, ...itemFilterInput(values), limit: 50 },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
  );
  return (
    <>
      <FilterForm label="Filter items" fields={ITEM_FILTER_FIELDS} values={values} onApply={apply} />
      <QueryState query={items} loading="Loading the items">
        <DataTable
          caption="Items of the campaign"
          stackOnPhone
          columns={columns}
          rows={items.data?.pages.flatMap((p) => p.items) ?? []}
          rowKey={(i) => i.id}
          empty="No item matches: the campaign has not started, or the filters leave none."
          more={{
            hasMore: items.hasNextPage,
            loading: items.isFetchingNextPage,
            onLoadMore: () => void items.fetchNextPage(),
            total: items.data?.pages[0]?.total ?? null,
          }}
        />
      </QueryState>
    </>
  );
}
