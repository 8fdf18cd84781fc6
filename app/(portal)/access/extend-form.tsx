'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage, useTRPC } from '../../_trpc/client.tsx';
import { Button } from '../../_components/ui/button.tsx';
import { Notice } from '../../_components/ui/card.tsx';
import { DateField } from '../../_components/ui/date-field.tsx';
import { TextField } from '../../_components/ui/text-field.tsx';
import { addDays, endOfUtcDay, utcDay } from '@/app/_components/ui/days.ts';

/** Ask to keep time-bound access longer, before it ends: a short approval (the first stage of its policy). */
export function ExtendForm({
  grantId,
  name,
  endsAt,
  onClose,
}: {
  grantId: string;
  name: string;
  endsAt: Date;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [until, setUntil] = useState(() => utcDay(addDays(endsAt, 30)));
  const [why, setWhy] = useState('');
  const [sent, setSent] = useState(false);
  const extend = useMutation(
    trpc.requests.extend.mutationOptions({
      onSuccess: async () => {
        setSent(true);
        await queryClient.invalidateQueries({ queryKey: trpc.requests.listMine.queryKey() });
      },
    }),
  );
  if (sent) {
    return (
      <Notice tone="success">
        Extension of {name} requested. Follow it on{' '}
        <a className="font-medium underline" href="/requests">
          My requests
        </a>
        .
      </Notice>
    );
  }
  return (
    <form
      aria-label={`Extend ${name}`}
      noValidate
      className="grid gap-3 rounded-md border border-slate-200 bg-slate-50 p-3 sm:grid-cols-[12rem_1fr_auto] sm:items-end"
      onSubmit={(e) => {
        e.preventDefault();
        extend.mutate({ grantId, requestedEndsAt: endOfUtcDay(until), justification: why });
      }}
    >
      <DateField label="New end date" value={until} min={utcDay(addDays(endsAt, 1))} onChange={setUntil} />
      <TextField
        label="Why longer?"
        value={why}
        onChange={(e) => setWhy(e.target.value)}
        maxLength={2000}
        placeholder="At least 10 characters"
      />
      <div className="flex gap-2">
        <Button type="submit" size="sm" disabled={extend.isPending}>
          Ask to extend
        </Button>
        <Button variant="ghost" size="sm" onClick={onClose}>
          Cancel
        </Button>
      </div>
      {extend.error ? (
        <div className="sm:col-span-3">
          <Notice tone="error">{errorMessage(extend.error)}</Notice>
        </div>
      ) : null}
    </form>
  );
}
