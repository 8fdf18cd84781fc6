'use client';

import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage, useTRPC } from '../../../_trpc/client.tsx';
import { Button } from '../../../_components/ui/button.tsx';
import { Notice } from '../../../_components/ui/card.tsx';
import { Field, inputClass } from '@/app/_components/ui/field.tsx';

/** One click: the person's manager is asked whether this access is expected (reconciliation.askManager). */
export function AskManagerButton({
  findingId,
  managerName,
  onDone,
}: {
  findingId: string;
  managerName: string;
  onDone: (message: string) => void;
}) {
  const trpc = useTRPC();
  const ask = useMutation(
    trpc.reconciliation.askManager.mutationOptions({
      onSuccess: (r) =>
        onDone(
          r.alreadyAsked
            ? `${r.managerName} has already been asked; their answer will show here.`
            : `${r.managerName} has been asked; their answer will show here.`,
        ),
    }),
  );
  return (
    <div className="space-y-2">
      <Button variant="secondary" onClick={() => ask.mutate({ findingId })} disabled={ask.isPending}>
        Ask {managerName}
      </Button>
      {ask.error ? <Notice tone="error">Not asked: {errorMessage(ask.error)}</Notice> : null}
    </div>
  );
}

/** The manager's answer: expected (keep it) or not (remove it), with an optional comment. */
export function ManagerAnswerForm({
  findingId,
  personName,
  onDone,
}: {
  findingId: string;
  personName: string;
  onDone: (message: string) => void;
}) {
  const trpc = useTRPC();
  const [answer, setAnswer] = useState<'EXPECTED' | 'NOT_EXPECTED' | null>(null);
  const [comment, setComment] = useState('');
  const send = useMutation(
    trpc.reconciliation.answerManagerAsk.mutationOptions({
      onSuccess: () => onDone('Thank you: your answer is with the owner.'),
    }),
  );
  return (
    <form
      noValidate
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        if (answer) send.mutate({ findingId, answer, comment: comment.trim() || null });
      }}
    >
      <fieldset className="space-y-2">
        <legend className="mb-1 text-sm text-slate-700">Is this access of {personName}’s expected?</legend>
        {(
          [
            ['EXPECTED', 'Expected — keep it'],
            ['NOT_EXPECTED', 'Not expected — remove it'],
          ] as const
        ).map(([value, label]) => (
          <label key={value} className="flex items-center gap-2 text-sm text-slate-900">
            <input
              type="radio"
              name="answer"
              value={value}
              checked={answer === value}
              onChange={() => setAnswer(value)}
            />
            {label}
          </label>
        ))}
      </fieldset>
      <Field label="Comment" hint="Optional: what the owner should know.">
        <input
          className={inputClass}
          value={comment}
          maxLength={1000}
          onChange={(e) => setComment(e.target.value)}
        />
      </Field>
      <Button type="submit" disabled={!answer || send.isPending}>
        Send answer
      </Button>
      {send.error ? <Notice tone="error">Not sent: {errorMessage(send.error)}</Notice> : null}
    </form>
  );
}
