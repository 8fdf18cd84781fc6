'use client';

import { useState } from 'react';
import { Button } from '../../../_components/ui/button.tsx';
import { BulkBar as Bar } from '../../../_components/ui/bulk-bar.tsx';
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
  return (
    <Bar
      label="Decide the selected items"
      count={n}
      one="item"
      onClear={onClear}
      actions={
        decision ? null : (
          <div className="flex flex-wrap gap-2">
            <Button size="sm" onClick={() => setDecision('KEEP')}>
              Keep {n}
            </Button>
            <Button size="sm" variant="danger" onClick={() => setDecision('REVOKE')}>
              Revoke {n}
            </Button>
            <Button size="sm" variant="secondary" onClick={() => setDecision('REASSIGN')}>
              Reassign {n}
            </Button>
          </div>
        )
      }
    >
      {decision && n > 0 ? (
        <DecisionForm
          items={items}
          decision={decision}
          onCancel={() => setDecision(null)}
          onDecided={(res, ids) => {
            setDecision(null);
            onDecided(res, ids);
          }}
        />
      ) : null}
    </Bar>
  );
}
