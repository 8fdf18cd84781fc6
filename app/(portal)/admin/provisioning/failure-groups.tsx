'use client';

import type { TFailureGroup } from '@/server/trpc/routers/provisioning/list-failure-groups.schema.ts';
import { Button } from '../../../_components/ui/button.tsx';
import { countOf } from '../../../_components/ui/format.ts';
import { DayText } from '@/app/_components/ui/day-text.tsx';

export const groupKey = (g: { applicationId: string; cause: string | null }) =>
  `${g.applicationId}\u0000${g.cause ?? ''}`;
export const causeText = (g: Pick<TFailureGroup, 'cause'>) => g.cause ?? 'Failures recorded without a cause';

/** Failures counted by application and cause: show one group's failures below, or retry it whole. */
export function FailureGroups({
  groups,
  shown,
  onShow,
  onRetry,
  retrying,
}: {
  groups: TFailureGroup[];
  shown: TFailureGroup | null;
  onShow: (group: TFailureGroup | null) => void;
  /** Absent for those who only read. */
  onRetry?: (group: TFailureGroup) => void;
  retrying: string | null;
}) {
  return (
    <ul
      aria-label="Failures by cause"
      className="divide-y divide-slate-100 overflow-hidden rounded-lg border border-slate-200 bg-white shadow-xs"
    >
      {groups.map((g) => {
        const key = groupKey({ applicationId: g.application.id, cause: g.cause });
        const isShown =
          shown !== null && shown.application.id === g.application.id && shown.cause === g.cause;
        return (
          <li
            key={key}
            aria-label={causeText(g)}
            className={`grid gap-3 px-4 py-3 text-sm sm:grid-cols-[minmax(0,1fr)_auto] sm:items-center ${isShown ? 'bg-brand-50/60' : ''}`}
          >
            <div className="min-w-0">
              <p className="font-medium break-words text-slate-900">
                <span
                  className="mr-2 inline-block rounded-full bg-red-600 px-2 text-xs font-semibold text-white tabular-nums"
                  title={countOf(g.count, 'failure')}
                >
                  ×{g.count}
                </span>
                {causeText(g)}
              </p>
              <p className="mt-0.5 text-xs text-slate-500">
                {g.application.name} · {countOf(g.count, 'failure')}, the last{' '}
                <DayText at={g.lastFailedAt} to="minute" />
              </p>
            </div>
            <div className="flex flex-wrap gap-2">
              <Button
                size="sm"
                variant={isShown ? 'primary' : 'secondary'}
                aria-pressed={isShown}
                onClick={() => onShow(isShown ? null : g)}
              >
                {isShown ? 'Shown below' : 'Show'}
              </Button>
              {onRetry ? (
                <Button
                  size="sm"
                  variant="secondary"
                  disabled={retrying !== null}
                  aria-label={`Retry all ${countOf(g.count, 'failure')}: ${causeText(g)}`}
                  onClick={() => onRetry(g)}
                >
                  {retrying === key ? 'Retrying…' : `Retry all ${g.count}`}
                </Button>
              ) : null}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
