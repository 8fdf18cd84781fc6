'use client';

import { useRef, useState } from 'react';
import type { TApprovalItem } from '@/server/trpc/routers/approvals/list-my-approvals.schema.ts';
import { Button } from '../../_components/ui/button.tsx';
import { DateField } from '../../_components/ui/date-field.tsx';
import { Field, inputClass } from '../../_components/ui/field.tsx';
import { TextArea } from '../../_components/ui/text-field.tsx';
import { dayFromNow, endOfUtcDay, utcDay } from '@/app/_components/ui/days.ts';

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
export function DecisionForm({
  step,
  onDecide,
}: {
  step: TApprovalItem;
  onDecide: (decision: TCardDecision) => void;
}) {
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
      // The current end's own day, the last the field offers, keeps that end (it may be earlier in the day).
      approvedEndsAt:
        decision === 'APPROVE' && until
          ? new Date(Math.min(endOfUtcDay(until).getTime(), currentEnd?.getTime() ?? Infinity))
          : undefined,
      mitigation:
        decision === 'APPROVE' && showMitigation && control.trim()
          ? { control: control.trim(), expiresAt: endOfUtcDay(controlUntil) }
          : undefined,
    });
  };

  return (
    <>
      {showMitigation ? (
        <fieldset className="mt-4 space-y-2 rounded-md border border-amber-200 p-3">
          <legend className="px-1 text-sm font-medium text-slate-800">
            Mitigating control
            {isMitigationStage ? <span className="text-red-600"> *</span> : ' (optional here)'}
          </legend>
          <TextArea
            label="What compensates for the conflict"
            rows={2}
            value={control}
            onChange={(e) => setControl(e.target.value)}
            maxLength={1000}
            placeholder="e.g. Finance reviews every payroll change of this person monthly."
          />
          <DateField
            label="Control expires"
            hint="When it expires, the conflict is raised again."
            value={controlUntil}
            min={tomorrow}
            onChange={setControlUntil}
          />
        </fieldset>
      ) : null}
      <div className="mt-4 grid gap-3 sm:grid-cols-[1fr_14rem]">
        <Field
          label={
            <>
              Comment{' '}
              <span className="font-normal text-slate-500">(the requester sees it; required to deny)</span>
            </>
          }
          error={needsReason ? 'Say why you deny: the requester sees the reason.' : null}
        >
          <input
            ref={commentRef}
            value={comment}
            onChange={(e) => {
              setComment(e.target.value);
              if (e.target.value.trim()) setNeedsReason(false);
            }}
            maxLength={2000}
            className={inputClass}
          />
        </Field>
        <DateField
          label={
            <>
              Shorten to <span className="font-normal text-slate-500">(optional)</span>
            </>
          }
          value={until}
          min={tomorrow}
          max={currentEnd ? utcDay(currentEnd) : undefined}
          onChange={setUntil}
        />
      </div>
      <div className="mt-4 flex gap-2">
        <Button
          disabled={isMitigationStage && showMitigation && !control.trim()}
          onClick={() => send('APPROVE')}
        >
          {showMitigation && control.trim() ? 'Approve with this control' : 'Approve'}
        </Button>
        <Button variant="danger" onClick={() => send('DENY')}>
          Deny
        </Button>
      </div>
    </>
  );
}
