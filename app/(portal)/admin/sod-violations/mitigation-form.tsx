'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { errorMessage, useTRPC } from '../../../_trpc/client.tsx';
import { Button } from '../../../_components/ui/button.tsx';
import { Notice } from '../../../_components/ui/card.tsx';
import { dayFromNow, endOfLocalDay } from '@/app/_components/ui/days.ts';


/** Record the control that allows this person to hold both sides, until a date. */
export function MitigationForm({ ruleId, identityId }: { ruleId: string; identityId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const ids = { control: useId(), until: useId() };
  const [control, setControl] = useState('');
  const [until, setUntil] = useState(() => dayFromNow(90));
  const record = useMutation(trpc.sod.recordMitigation.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.sod.violations.queryKey() }) }));
  return (
    <form
      noValidate
      className="mt-3 grid gap-2 rounded-md border border-amber-200 bg-amber-50/60 p-3 sm:grid-cols-[1fr_10rem_auto] sm:items-end"
      onSubmit={(e) => {
        e.preventDefault();
        record.mutate({ ruleId, identityId, control: control.trim(), expiresAt: endOfLocalDay(until) });
      }}
    >
      <div>
        <label htmlFor={ids.control} className="block text-sm font-medium text-slate-700">
          Mitigating control
        </label>
        <input id={ids.control} value={control} onChange={(e) => setControl(e.target.value)} maxLength={1000} placeholder="What compensates for the conflict" className="mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm" />
      </div>
      <div>
        <label htmlFor={ids.until} className="block text-sm font-medium text-slate-700">
          Until
        </label>
        <input id={ids.until} type="date" value={until} onChange={(e) => setUntil(e.target.value)} className="mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm" />
      </div>
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
