'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage, useTRPC } from '../../../_trpc/client.tsx';
import { Button } from '../../../_components/ui/button.tsx';
import { Notice } from '../../../_components/ui/card.tsx';
import { DateField } from '@/app/_components/ui/date-field.tsx';
import { dayFromNow, endOfUtcDay } from '@/app/_components/ui/days.ts';
import { TextField } from '@/app/_components/ui/text-field.tsx';

/** Record the control that allows this person to hold both sides, until a date. */
export function MitigationForm({ ruleId, identityId }: { ruleId: string; identityId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [control, setControl] = useState('');
  const [until, setUntil] = useState(() => dayFromNow(90));
  const record = useMutation(
    trpc.sod.recordMitigation.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.sod.violations.queryKey() }),
    }),
  );
  return (
    <form
      noValidate
      className="mt-3 grid gap-2 rounded-md border border-amber-200 bg-amber-50/60 p-3 sm:grid-cols-[1fr_12rem_auto] sm:items-end"
      onSubmit={(e) => {
        e.preventDefault();
        record.mutate({ ruleId, identityId, control: control.trim(), expiresAt: endOfUtcDay(until) });
      }}
    >
      <TextField
        label="Mitigating control"
        value={control}
        onChange={(e) => setControl(e.target.value)}
        maxLength={1000}
        placeholder="What compensates for the conflict"
      />
      <DateField label="Until" value={until} min={dayFromNow(1)} onChange={setUntil} />
      <Button type="submit" size="sm" disabled={record.isPending || control.trim().length < 5}>
        Record control
      </Button>
      {record.error ? (
        <div className="sm:col-span-3">
          <Notice tone="error">{errorMessage(record.error)}</Notice>
        </div>
      ) : null}
    </form>
  );
}
