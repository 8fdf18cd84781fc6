'use client';

import { useState } from 'react';
import { Button } from '../../../_components/ui/button.tsx';
import { DecisionForm } from './decision-form.tsx';
import type { TDecideResult, TDecision, TReviewItem } from './types.ts';

/**
 * The bulk decision bar, kept at the bottom of the screen (on a phone too) while items are
 * selected: "Keep n / Revoke n / Reassign n" with one comment for all.
 */
export function BulkBar({
  items,
  onClear,
  onDecided,
}: {
  items: TReviewItem[];
  onClear: () => void;
  onDecided: (result: TDecideResult, itemIds: string[]) => void;
}) {
  const [decision, setDecision] = useState<TDecision | null>(null);
  const n = items.length;
  if (n === 0) return null;
  return (
    <div
      role="region"
      aria-label="Decide the selected items"
      className="sticky bottom-0 z-10 -mx-4 mt-4 border-t border-slate-200 bg-white/95 px-4 py-3 shadow-[0_-4px_12px_rgba(0,0,0,0.06)] backdrop-blur sm:mx-0 sm:rounded-lg sm:border print:hidden"
    >
      <div className="flex flex-wrap items-center gap-2">
        <span className="mr-auto text-sm text-slate-700" aria-live="polite">
          {n === 1 ? '1 item selected.' : `${n} items selected.`}{' '}
          <button type="button" className="font-medium text-brand-700 underline" onClick={onClear}>
            Clear
          </button>
        </span>
        {decision ? null : (
          <>
            <Button size="sm" onClick={() => setDecision('KEEP')}>
              Keep {n}
            </Button>
            <Button size="sm" variant="danger" onClick={() => setDecision('REVOKE')}>
              Revoke {n}
            </Button>
            <Button size="sm" variant="secondary" onClick={() => setDecision('REASSIGN')}>
              Reassign {n}
            </Button>
          </>
        )}
      </div>
      {decision ? (
        <div className="mt-2">
          <DecisionForm
            items={items}
            decision={decision}
            onCancel={() => setDecision(null)}
            onDecided={(res, ids) => {
              setDecision(null);
              onDecided(res, ids);
            }}
          />
        </div>
      ) : null}
    </div>
  );
}
