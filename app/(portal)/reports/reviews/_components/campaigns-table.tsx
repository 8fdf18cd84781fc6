'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import Link from 'next/link';
import type { TCampaignListRow } from '@/server/trpc/routers/reviews/list-campaigns.schema.ts';
import { useTRPC } from '../../../../_trpc/client.tsx';
import { Badge } from '../../../../_components/ui/badge.tsx';
import { DataTable, type ColumnDef } from '../../../../_components/ui/data-table.tsx';
import { formatDate } from '../../../../_components/ui/format.ts';
import { QueryState } from '../../../../_components/ui/query-state.tsx';
import { ProgressBar } from './progress-bar.tsx';
import { CAMPAIGN_STATUS, recurrenceLabel } from './review-labels.ts';

type TStatus = TCampaignListRow['status'];

/** Every campaign with its progress, newest first; `hrefOf` says where a campaign opens (admin or report). */
export function CampaignsTable({
  status,
  hrefOf,
  empty,
}: {
  status?: TStatus;
  hrefOf: (id: string) => string;
  empty: React.ReactNode;
}) {
  const trpc = useTRPC();
  const list = useInfiniteQuery(
    trpc.reviews.listCampaigns.infiniteQueryOptions(
      { ...(status ? { status } : {}), limit: 50 },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
  );
  const columns: ColumnDef<TCampaignListRow>[] = [
    {
      header: 'Campaign',
      cell: ({ row: { original: c } }) => (
        <>
          <Link href={hrefOf(c.id)} className="font-medium break-words text-brand-700 hover:underline">
            {c.name}
          </Link>
          <span className="block text-xs text-slate-500">
            {c.kind === 'MOVER'
              ? `Mover review${c.subject ? ` for ${c.subject.displayName}` : ''}`
              : recurrenceLabel(c.recurrenceMonths)}
          </span>
        </>
      ),
    },
    {
      header: 'Status',
      cell: ({ row: { original: c } }) => (
        <Badge tone={CAMPAIGN_STATUS[c.status].tone}>{CAMPAIGN_STATUS[c.status].label}</Badge>
      ),
    },
    {
      header: 'Dates',
      cell: ({ row: { original: c } }) => (
        <span className="text-xs whitespace-nowrap">
          {formatDate(c.startsAt)} – {formatDate(c.dueAt)}
          {c.closedAt ? <span className="block text-slate-500">closed {formatDate(c.closedAt)}</span> : null}
        </span>
      ),
    },
    {
      header: 'Progress',
      cell: ({ row: { original: c } }) => <ProgressBar done={c.progress.done} total={c.progress.total} />,
    },
  ];
  return (
    <QueryState query={list} loading="Loading campaigns">
      <DataTable
        caption="Access review campaigns"
        stackOnPhone
        columns={columns}
        rows={list.data?.pages.flatMap((p) => p.items) ?? []}
        rowKey={(c) => c.id}
        empty={empty}
        more={{
          hasMore: list.hasNextPage,
          loading: list.isFetchingNextPage,
          onLoadMore: () => void list.fetchNextPage(),
          total: list.data?.pages[0]?.total ?? null,
        }}
      />
    </QueryState>
  );
}
