'use client';

import { useState } from 'react';
import { Badge, RiskBadge } from '../../../_components/ui/badge.tsx';
import { Button } from '../../../_components/ui/button.tsx';
import { DecisionForm } from './decision-form.tsx';
import { describeItem, whatOf } from './grouping.ts';
import { ItemContext, Recommendation } from './item-context.tsx';
import type { TDecideResult, TDecision, TGroupBy, TReviewItem } from './types.ts';
import { DayText } from '@/app/_components/ui/day-text.tsx';

const OUTCOME: Record<string, { label: string; tone: 'green' | 'red' | 'gray' | 'blue' }> = {
  KEEP: { label: 'Kept', tone: 'green' },
  REVOKE: { label: 'Revoked', tone: 'red' },
  REASSIGN: { label: 'Reassigned', tone: 'blue' },
  ESCALATE: { label: 'Escalated', tone: 'gray' },
};

/** One item of the queue: who or what (the other half is the group's title), its context, and its decision. */
export function ReviewItemRow({
  item,
  groupBy,
  showCampaign,
  selected,
  onSelect,
  onDecided,
  outcome,
  now,
}: {
  item: TReviewItem;
  groupBy: TGroupBy;
  showCampaign: boolean;
  selected: boolean;
  onSelect: (on: boolean) => void;
  onDecided: (result: TDecideResult, itemIds: string[]) => void;
  outcome: string | undefined;
  now: Date;
}) {
  const [decision, setDecision] = useState<TDecision | null>(null);
  const title = groupBy === 'PERSON' ? whatOf(item) : item.person.displayName;
  const last = item.lastDecision;
  return (
    <li className="space-y-2 px-3 py-3 sm:px-4" aria-label={describeItem(item)}>
      <div className="flex min-w-0 items-start gap-3">
        {item.isWaiting ? (
          <input
            type="checkbox"
            className="mt-1 size-4 shrink-0"
            aria-label={`Select: ${describeItem(item)}`}
            checked={selected}
            onChange={(e) => onSelect(e.target.checked)}
          />
        ) : null}
        <div className="min-w-0 flex-1 space-y-2">
          <div className="flex flex-wrap items-center gap-2">
            <span className="min-w-0 font-medium break-words text-slate-900">{title}</span>
            <RiskBadge risk={item.risk} />
            {groupBy === 'ENTITLEMENT' && item.person.title ? (
              <span className="text-xs text-slate-500">{item.person.title}</span>
            ) : null}
            {!item.isWaiting && last ? (
              <Badge tone={OUTCOME[last.decision]?.tone ?? 'gray'}>
                {OUTCOME[last.decision]?.label ?? last.decision}
              </Badge>
            ) : null}
          </div>
          {showCampaign ? (
            <p className="text-xs text-slate-500">
              {item.campaign.name} · due <DayText at={item.campaign.dueAt} />
            </p>
          ) : null}
          <ItemContext item={item} now={now} />
          <Recommendation text={item.recommendation} />
          {!item.isWaiting && last ? (
            <p className="text-sm break-words text-slate-600">
              {OUTCOME[last.decision]?.label ?? last.decision} by {last.by ?? 'the campaign'} on{' '}
              <DayText at={last.at} />
              {last.comment ? `: “${last.comment}”` : ''}
              {item.status === 'PENDING' ? ` — now with the next reviewer (stage ${item.stage}).` : ''}
            </p>
          ) : null}
          {outcome ? (
            <p className="text-sm text-slate-700" role="status">
              {outcome}
            </p>
          ) : null}
          {item.isWaiting ? (
            decision ? (
              <div className="rounded-md border border-slate-200 bg-slate-50 p-3">
                <DecisionForm
                  items={[item]}
                  decision={decision}
                  onCancel={() => setDecision(null)}
                  onDecided={(res, ids) => {
                    setDecision(null);
                    onDecided(res, ids);
                  }}
                />
              </div>
            ) : (
              <div role="group" aria-label={`Decide: ${describeItem(item)}`} className="flex flex-wrap gap-2">
                <Button size="sm" variant="secondary" onClick={() => setDecision('KEEP')}>
                  Keep
                </Button>
                <Button size="sm" variant="danger" onClick={() => setDecision('REVOKE')}>
                  Revoke
                </Button>
                <Button size="sm" variant="ghost" onClick={() => setDecision('REASSIGN')}>
                  Reassign
                </Button>
              </div>
            )
          ) : null}
        </div>
      </div>
    </li>
  );
}
