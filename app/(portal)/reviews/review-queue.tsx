'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../../_trpc/client.tsx';
import { Button } from '../../_components/ui/button.tsx';
import { EmptyState, Notice, PageHeader } from '../../_components/ui/card.tsx';
import { QueryState } from '../../_components/ui/query-state.tsx';
import { SearchField } from '../../_components/ui/search-field.tsx';
import { Select } from '../../_components/ui/text-field.tsx';
import { FilterBar } from '../reports/_components/filters.tsx';
import { useReportParams } from '../reports/_components/use-report-params.ts';
import { BulkBar } from './_components/bulk-bar.tsx';
import { CampaignTabs, ProgressCard } from './_components/campaign-progress.tsx';
import { DecisionResult, type TResult } from './_components/decision-result.tsx';
import { describeItem, groupItems } from './_components/grouping.ts';
import { ReviewGroup } from './_components/review-group.tsx';
import type { TDecideResult, TGroupBy } from './_components/types.ts';

const PARAMS = ['campaign', 'status', 'group', 'text'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PAGE = 200;
const MAX = 500;
type TStatus = 'WAITING' | 'DONE' | 'ALL';

/**
 * The reviewer's queue: their campaigns as tabs with progress, their items grouped by person or by
 * entitlement with the context to decide on, decisions per item or on a selection, and what the
 * server refused. Notification links open it as /reviews?campaign=<id>.
 */
export function ReviewQueue() {
  const trpc = useTRPC();
  const [f, set] = useReportParams(PARAMS);
  const [now] = useState(() => new Date());
  const campaignId = f.campaign && UUID.test(f.campaign) ? f.campaign : undefined;
  const status: TStatus = f.status === 'DONE' || f.status === 'ALL' ? f.status : 'WAITING';
  const groupBy: TGroupBy = f.group === 'ENTITLEMENT' ? 'ENTITLEMENT' : 'PERSON';
  const [limit, setLimit] = useState(PAGE);
  const [selected, setSelectedIds] = useState<ReadonlySet<string>>(new Set());
  const [result, setResult] = useState<TResult | null>(null);
  const [outcomes, setOutcomes] = useState<ReadonlyMap<string, string>>(new Map());
  const campaigns = useQuery(trpc.reviews.myCampaigns.queryOptions());
  const queue = useQuery(
    trpc.reviews.myQueue.queryOptions({ campaignId, status, groupBy, text: f.text, limit }),
  );
  const rows = queue.data?.rows ?? [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const chosen = [...selected].flatMap((id) => {
    const r = byId.get(id);
    return r?.isWaiting ? [r] : [];
  });
  const shown = (campaigns.data ?? []).filter((c) => !campaignId || c.id === campaignId);

  const setSelected = (ids: string[], on: boolean) =>
    setSelectedIds((s) => {
      const next = new Set(s);
      for (const id of ids)
        if (on) next.add(id);
        else next.delete(id);
      return next;
    });
  const onDecided = (res: TDecideResult, ids: string[]) => {
    const refused = new Map(res.refused.map((x) => [x.itemId, x.reason]));
    setResult({
      applied: res.applied.map((id) => describeItem(byId.get(id))),
      refused: res.refused.map((x) => ({ label: describeItem(byId.get(x.itemId)), reason: x.reason })),
    });
    setOutcomes(
      new Map(
        ids.flatMap((id) => (refused.has(id) ? [[id, `Not decided: ${refused.get(id)}`] as const] : [])),
      ),
    );
    setSelected(ids, false);
  };

  const filtered = Boolean(f.text) || status !== 'WAITING';
  const groups = groupItems(rows, groupBy);

  return (
    <>
      <PageHeader
        title="Access reviews"
        description="Confirm the access your people and your entitlements still need. Keep what is needed, revoke what is not: revoked access is removed from the target system."
      />
      <QueryState query={campaigns} loading="Loading your campaigns">
        {campaigns.data?.length === 0 ? (
          <EmptyState title="No reviews for you">
            There is no running access review with anything for you to decide.
          </EmptyState>
        ) : (
          <>
            <CampaignTabs
              campaigns={campaigns.data ?? []}
              current={campaignId}
              onChoose={(id) => set({ campaign: id })}
              now={now}
            />
            <ProgressCard campaigns={shown} now={now} />
          </>
        )}
      </QueryState>
      {campaigns.data?.length ? (
        <>
          <FilterBar>
            <div className="min-w-0">
              <span className="mb-1 block text-sm font-medium text-slate-700" aria-hidden>
                Group by
              </span>
              <div role="group" aria-label="Group by" className="flex gap-1">
                {(['PERSON', 'ENTITLEMENT'] as const).map((g) => (
                  <Button
                    key={g}
                    size="sm"
                    variant={groupBy === g ? 'primary' : 'secondary'}
                    aria-pressed={groupBy === g}
                    onClick={() => set({ group: g === 'PERSON' ? null : g })}
                  >
                    {g === 'PERSON' ? 'By person' : 'By entitlement'}
                  </Button>
                ))}
              </div>
            </div>
            <Select
              label="Show"
              value={status}
              onChange={(e) => set({ status: e.target.value === 'WAITING' ? null : e.target.value })}
            >
              <option value="WAITING">Waiting for me</option>
              <option value="DONE">Done</option>
              <option value="ALL">All</option>
            </Select>
            <SearchField
              label="Search"
              value={f.text ?? ''}
              onChange={(q) => set({ text: q || null })}
              placeholder="Person, entitlement, role or application"
              maxLength={100}
            />
          </FilterBar>
          <DecisionResult result={result} onDismiss={() => setResult(null)} />
          <QueryState query={queue} loading="Loading your reviews">
            {rows.length === 0 ? (
              filtered ? (
                <EmptyState title="Nothing matches">Change the search or what to show.</EmptyState>
              ) : (
                <EmptyState title="Nothing left to review">
                  Every item waiting for you is decided. Thank you.
                </EmptyState>
              )
            ) : (
              <div className="space-y-4">
                {groups.map((g) => (
                  <ReviewGroup
                    key={g.key}
                    group={g}
                    groupBy={groupBy}
                    showCampaign={!campaignId && (campaigns.data?.length ?? 0) > 1}
                    selected={selected}
                    setSelected={setSelected}
                    onDecided={onDecided}
                    outcomes={outcomes}
                    now={now}
                  />
                ))}
                {queue.data && queue.data.total > rows.length ? (
                  <div className="flex flex-wrap items-center justify-between gap-2 text-sm text-slate-600">
                    <span>
                      {rows.length} of {queue.data.total} shown
                    </span>
                    {limit < MAX ? (
                      <Button
                        variant="secondary"
                        size="sm"
                        disabled={queue.isFetching}
                        onClick={() => setLimit((l) => Math.min(l + PAGE, MAX))}
                      >
                        Show more
                      </Button>
                    ) : (
                      <span>Decide these first, or search, to see the rest.</span>
                    )}
                  </div>
                ) : null}
              </div>
            )}
          </QueryState>
          {queue.error ? null : (
            <BulkBar items={chosen} onClear={() => setSelectedIds(new Set())} onDecided={onDecided} />
          )}
        </>
      ) : null}
      {campaignId === undefined && f.campaign ? (
        <Notice tone="error">That link names no campaign.</Notice>
      ) : null}
    </>
  );
}
