'use client';

import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage, useTRPC } from '../../../_trpc/client.tsx';
import { Button } from '../../../_components/ui/button.tsx';
import { Notice } from '../../../_components/ui/card.tsx';
import { DateField } from '@/app/_components/ui/date-field.tsx';
import { Field, inputClass } from '@/app/_components/ui/field.tsx';
import { dayFromNow } from '@/app/_components/ui/days.ts';

type TDecision = 'REVERT' | 'ADOPT' | 'EXCEPTION';
export type TDecideResult = { decided: number; refused: Array<{ findingId: string; reason: string }> };

/** `act` words the submit button: "Revert 2 findings", "Accept this finding as an exception". */
const CHOICES: Array<{ id: TDecision; label: string; hint: string; act: (what: string) => string }> = [
  {
    id: 'REVERT',
    label: 'Revert',
    hint: 'Put the target back as Gatehouse says it should be.',
    act: (what) => `Revert ${what}`,
  },
  {
    id: 'ADOPT',
    label: 'Adopt',
    hint: 'Make it a grant, with your reason as its reason.',
    act: (what) => `Adopt ${what}`,
  },
  {
    id: 'EXCEPTION',
    label: 'Accept as exception',
    hint: 'Leave it as it is until a date; it comes back then.',
    act: (what) => `Accept ${what} as an exception`,
  },
];

/**
 * Decide one finding or several at once (reconciliation.decide): revert, adopt, or accept as an
 * exception with a reason and an expiry. The server says which were decided and why others were not.
 */
export function DecisionForm({
  findingIds,
  onDecided,
}: {
  findingIds: string[];
  onDecided: (result: TDecideResult, findingIds: string[]) => void;
}) {
  const trpc = useTRPC();
  const [decision, setDecision] = useState<TDecision | null>(null);
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState('');
  const decide = useMutation(
    trpc.reconciliation.decide.mutationOptions({
      onSuccess: (result, asked) => {
        setDecision(null);
        setReason('');
        setUntil('');
        onDecided(result, asked.findingIds);
      },
    }),
  );
  const n = findingIds.length;
  const missing =
    decision === 'EXCEPTION'
      ? !reason.trim()
        ? 'Give a reason for the exception.'
        : !until
          ? 'Choose until when the exception holds.'
          : null
      : null;
  return (
    <form
      noValidate
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        if (!decision || missing || n === 0) return;
        decide.mutate({
          findingIds,
          decision,
          reason: reason.trim() || undefined,
          exceptionUntil: decision === 'EXCEPTION' ? until : undefined,
        });
      }}
    >
      <div role="group" aria-label="Decision" className="flex flex-wrap gap-2">
        {CHOICES.map((c) => (
          <Button
            key={c.id}
            variant={decision === c.id ? 'primary' : 'secondary'}
            aria-pressed={decision === c.id}
            title={c.hint}
            disabled={n === 0}
            onClick={() => setDecision(c.id)}
          >
            {c.label}
          </Button>
        ))}
      </div>
      {decision ? (
        <div className="grid gap-3 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
          <Field
            label={decision === 'EXCEPTION' ? 'Reason' : 'Reason (optional)'}
            required={decision === 'EXCEPTION'}
            hint={CHOICES.find((c) => c.id === decision)?.hint}
          >
            <input
              className={inputClass}
              value={reason}
              maxLength={1000}
              onChange={(e) => setReason(e.target.value)}
            />
          </Field>
          {decision === 'EXCEPTION' ? (
            <DateField label="Until" required min={dayFromNow(1)} value={until} onChange={setUntil} />
          ) : null}
        </div>
      ) : null}
      {decide.error ? <Notice tone="error">Not decided: {errorMessage(decide.error)}</Notice> : null}
      {decision ? (
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={decide.isPending || missing !== null}>
            {decide.isPending
              ? 'Deciding…'
              : CHOICES.find((c) => c.id === decision)?.act(n === 1 ? 'this finding' : `${n} findings`)}
          </Button>
          <Button variant="ghost" onClick={() => setDecision(null)}>
            Cancel
          </Button>
          {missing ? <span className="text-sm text-amber-800">{missing}</span> : null}
        </div>
      ) : null}
    </form>
  );
}
