'use client';

import { useId, useRef, useState } from 'react';
import { Button } from '../../_components/ui/button.tsx';

/**
 * Approve or deny the selected requests with one comment, kept at the bottom of the screen (on a
 * phone too) while anything is selected. Denying asks for the reason at the comment field.
 */
export function BulkDecisionBar({ count, onClear, onDecide }: { count: number; onClear: () => void; onDecide: (decision: 'APPROVE' | 'DENY', comment: string) => void }) {
  const ids = { comment: useId(), error: useId() };
  const [comment, setComment] = useState('');
  const [needsReason, setNeedsReason] = useState(false);
  const ref = useRef<HTMLInputElement>(null);
  if (count === 0) return null;
  const decide = (decision: 'APPROVE' | 'DENY') => {
    if (decision === 'DENY' && !comment.trim()) {
      setNeedsReason(true);
      ref.current?.focus();
      return;
    }
    onDecide(decision, comment.trim());
    setComment('');
    setNeedsReason(false);
  };
  return (
    <div
      role="region"
      aria-label="Decide the selected requests"
      className="sticky bottom-0 z-10 -mx-4 mt-4 border-t border-slate-200 bg-white/95 px-4 py-3 shadow-[0_-4px_12px_rgba(0,0,0,0.06)] backdrop-blur sm:mx-0 sm:rounded-lg sm:border print:hidden"
    >
      <div className="flex flex-wrap items-end gap-3">
        <p className="text-sm text-slate-700" aria-live="polite">
          {count === 1 ? '1 request selected.' : `${count} requests selected.`}{' '}
          <button type="button" className="font-medium text-brand-700 underline" onClick={onClear}>
            Clear
          </button>
        </p>
        <div className="min-w-0 flex-1 basis-60">
          <label htmlFor={ids.comment} className="block text-sm font-medium text-slate-700">
            Comment for all <span className="font-normal text-slate-500">(required to deny)</span>
          </label>
          <input
            id={ids.comment}
            ref={ref}
            value={comment}
            maxLength={2000}
            onChange={(e) => {
              setComment(e.target.value);
              if (e.target.value.trim()) setNeedsReason(false);
            }}
            aria-invalid={needsReason || undefined}
            aria-describedby={needsReason ? ids.error : undefined}
            className={`mt-1 w-full rounded-md border px-3 py-2 text-sm ${needsReason ? 'border-red-500' : 'border-slate-300'}`}
          />
          {needsReason ? (
            <p id={ids.error} className="mt-1 text-sm text-red-700">
              Say why you deny: the requesters see the reason.
            </p>
          ) : null}
        </div>
        <div className="flex gap-2">
          <Button onClick={() => decide('APPROVE')}>Approve {count}</Button>
          <Button variant="danger" onClick={() => decide('DENY')}>
            Deny {count}
          </Button>
        </div>
      </div>
    </div>
  );
}
