'use client';

import { useRef, useState } from 'react';
import { Button } from '../../_components/ui/button.tsx';
import { BulkBar } from '../../_components/ui/bulk-bar.tsx';
import { Field, inputClass } from '../../_components/ui/field.tsx';

/**
 * Approve or deny the selected requests with one comment, kept at the bottom of the screen (on a
 * phone too) while anything is selected. Denying asks for the reason at the comment field.
 */
export function BulkDecisionBar({
  count,
  onClear,
  onDecide,
}: {
  count: number;
  onClear: () => void;
  onDecide: (decision: 'APPROVE' | 'DENY', comment: string) => void;
}) {
  const [comment, setComment] = useState('');
  const [needsReason, setNeedsReason] = useState(false);
  const ref = useRef<HTMLInputElement>(null);
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
    <BulkBar
      label="Decide the selected requests"
      count={count}
      one="request"
      onClear={onClear}
      actions={
        <>
          <Field
            label={
              <>
                Comment for all <span className="font-normal text-slate-500">(required to deny)</span>
              </>
            }
            error={needsReason ? 'Say why you deny: the requesters see the reason.' : null}
            className="flex-1 basis-60"
          >
            <input
              ref={ref}
              value={comment}
              maxLength={2000}
              onChange={(e) => {
                setComment(e.target.value);
                if (e.target.value.trim()) setNeedsReason(false);
              }}
              className={inputClass}
            />
          </Field>
          <div className="flex gap-2">
            <Button onClick={() => decide('APPROVE')}>Approve {count}</Button>
            <Button variant="danger" onClick={() => decide('DENY')}>
              Deny {count}
            </Button>
          </div>
        </>
      }
    />
  );
}
