'use client';

import { useId, useRef, useState } from 'react';
import type { TApprovalItem } from '@/server/trpc/routers/approvals/list-my-approvals.schema.ts';
import { Button } from '../../_components/ui/button.tsx';
import { dayFromNow, endOfLocalDay, localDay } from '@/app/_components/ui/days.ts';

export type TCardDecision = {
  stepId: string;
  decision: 'APPROVE' | 'DENY';
  comment?: string;
  approvedEndsAt?: Date;
  mitigation?: { control: string; expiresAt: Date };
};

/**
 * One request's decision: a comment (its reason, required to deny, asked at the field), an earlier
 * end, and the mitigating control a security officer records for a conflict.
 */
export function DecisionForm({ step, onDecide }: { step: TApprovalItem; onDecide: (decision: TCardDecision) => void }) {
  const ids = { comment: useId(), commentError: useId(), until: useId(), control: useId(), controlUntil: useId() };
  const [comment, setComment] = useState('');
  const [needsReason, setNeedsReason] = useState(false);
  const commentRef = useRef<HTMLInputElement>(null);
  const [until, setUntil] = useState('');
  const [control, setControl] = useState('');
  const [controlUntil, setControlUntil] = useState(() => dayFromNow(90));
  const [tomorrow] = useState(() => dayFromNow(1));
  const r = step.request;
  const currentEnd = r.approvedEndsAt ?? r.requestedEndsAt;
  const isMitigationStage = step.stage.kind === 'SOD_MITIGATION';
  const showMitigation = r.sod.some((c) => c.status === 'NEEDS_MITIGATION') && step.canMitigate;
  const send = (decision: 'APPROVE' | 'DENY') => {
    if (decision === 'DENY' && !comment.trim()) {
      setNeedsReason(true);
      commentRef.current?.focus();
      return;
    }
    onDecide({
      stepId: step.id,
      decision,
      comment: comment.trim() || undefined,
      approvedEndsAt: decision === 'APPROVE' && until ? endOfLocalDay(until) : undefined,
      mitigation: decision === 'APPROVE' && showMitigation && control.trim() ? { control: control.trim(), expiresAt: endOfLocalDay(controlUntil) } : undefined,
    });
  };

  return (
    <>
        {showMitigation ? (
          <fieldset className="mt-4 rounded-md border border-amber-200 p-3">
            <legend className="px-1 text-sm font-medium text-slate-800">Mitigating control{isMitigationStage ? <span className="text-red-600"> *</span> : ' (optional here)'}</legend>
            <label htmlFor={ids.control} className="block text-sm text-slate-700">
              What compensates for the conflict
            </label>
            <textarea
              id={ids.control}
              rows={2}
              value={control}
              onChange={(e) => setControl(e.target.value)}
              maxLength={1000}
              placeholder="e.g. Finance reviews every payroll change of this person monthly."
              className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
            />
            <label htmlFor={ids.controlUntil} className="mt-2 block text-sm text-slate-700">
              Control expires
            </label>
            <input id={ids.controlUntil} type="date" value={controlUntil} min={tomorrow} onChange={(e) => setControlUntil(e.target.value)} className="mt-1 rounded-md border border-slate-300 px-3 py-2 text-sm" />
            <p className="mt-1 text-xs text-slate-500">When it expires, the conflict is raised again.</p>
          </fieldset>
        ) : null}
        <div className="mt-4 grid gap-3 sm:grid-cols-[1fr_12rem]">
          <div>
            <label htmlFor={ids.comment} className="block text-sm font-medium text-slate-700">
              Comment <span className="font-normal text-slate-500">(the requester sees it; required to deny)</span>
            </label>
            <input
              id={ids.comment}
              ref={commentRef}
              value={comment}
              onChange={(e) => {
                setComment(e.target.value);
                if (e.target.value.trim()) setNeedsReason(false);
              }}
              maxLength={2000}
              aria-invalid={needsReason || undefined}
              aria-describedby={needsReason ? ids.commentError : undefined}
              className={`mt-1 w-full rounded-md border px-3 py-2 text-sm ${needsReason ? 'border-red-500' : 'border-slate-300'}`}
            />
            {needsReason ? (
              <p id={ids.commentError} className="mt-1 text-sm text-red-700">
                Say why you deny: the requester sees the reason.
              </p>
            ) : null}
          </div>
          <div>
            <label htmlFor={ids.until} className="block text-sm font-medium text-slate-700">
              Shorten to <span className="font-normal text-slate-500">(optional)</span>
            </label>
            <input
              id={ids.until}
              type="date"
              value={until}
              min={tomorrow}
              max={currentEnd ? localDay(currentEnd) : undefined}
              onChange={(e) => setUntil(e.target.value)}
              className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
            />
          </div>
        </div>
        <div className="mt-4 flex gap-2">
          <Button disabled={isMitigationStage && showMitigation && !control.trim()} onClick={() => send('APPROVE')}>
            {showMitigation && control.trim() ? 'Approve with this control' : 'Approve'}
          </Button>
          <Button variant="danger" onClick={() => send('DENY')}>
            Deny
          </Button>
        </div>
    </>
  );
}
