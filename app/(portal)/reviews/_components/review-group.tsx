'use client';

import { Card } from '../../../_components/ui/card.tsx';
import type { TGroup } from './grouping.ts';
import { ReviewItemRow } from './review-item-row.tsx';
import type { TDecideResult, TGroupBy } from './types.ts';

/** A person's (or an entitlement's) items under one heading, with "select all" for the ones still waiting. */
export function ReviewGroup({
  group,
  groupBy,
  showCampaign,
  selected,
  setSelected,
  onDecided,
  outcomes,
  now,
}: {
  group: TGroup;
  groupBy: TGroupBy;
  showCampaign: boolean;
  selected: ReadonlySet<string>;
  setSelected: (ids: string[], on: boolean) => void;
  onDecided: (result: TDecideResult, itemIds: string[]) => void;
  outcomes: ReadonlyMap<string, string>;
  now: Date;
}) {
  const waiting = group.items.filter((i) => i.isWaiting).map((i) => i.id);
  const all = waiting.length > 0 && waiting.every((id) => selected.has(id));
  const headingId = `group-${group.key}`;
  return (
    <Card as="section" className="overflow-hidden">
      <header className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-slate-200 bg-slate-50 px-3 py-2 sm:px-4">
        {waiting.length ? (
          <input
            type="checkbox"
            className="size-4"
            aria-label={`Select all ${waiting.length} waiting for ${group.title}`}
            checked={all}
            onChange={(e) => setSelected(waiting, e.target.checked)}
          />
        ) : null}
        <h2 id={headingId} className="min-w-0 font-semibold break-words text-slate-900">
          {group.title}
        </h2>
        {group.detail ? (
          <span className="min-w-0 text-sm break-words text-slate-500">{group.detail}</span>
        ) : null}
        <span className="ml-auto text-xs text-slate-500">
          {waiting.length} of {group.items.length} waiting
        </span>
      </header>
      <ul aria-labelledby={headingId} className="divide-y divide-slate-100">
        {group.items.map((item) => (
          <ReviewItemRow
            key={item.id}
            item={item}
            groupBy={groupBy}
            showCampaign={showCampaign}
            selected={selected.has(item.id)}
            onSelect={(on) => setSelected([item.id], on)}
            onDecided={onDecided}
            outcome={outcomes.get(item.id)}
            now={now}
          />
        ))}
      </ul>
    </Card>
  );
}
