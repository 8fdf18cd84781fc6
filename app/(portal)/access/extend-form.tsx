'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { errorMessage, useTRPC } from '../../_trpc/client.tsx';
import { Button } from '../../_components/ui/button.tsx';
import { Notice } from '../../_components/ui/card.tsx';
import { addDays, endOfLocalDay, localDay } from '@/app/_components/ui/days.ts';


/** Ask to keep time-bound access longer, before it ends: a short approval (the first stage of its policy). */
export function ExtendForm({ grantId, name, endsAt, onClose }: { grantId: string; name: string; endsAt: Date; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const ids = { until: useId(), why: useId() };
  const [until, setUntil] = useState(() => localDay(addDays(endsAt, 30)));
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
        Extension of {name} requested. Follow it on <a className="font-medium underline" href="/requests">My requests</a>.
      </Notice>
    );
  }
  return (
    <form
      aria-label={`Extend ${name}`}
      noValidate
      className="grid gap-3 rounded-md border border-slate-200 bg-slate-50 p-3 sm:grid-cols-[10rem_1fr_auto] sm:items-end"
      onSubmit={(e) => {
        e.preventDefault();
        extend.mutate({ grantId, requestedEndsAt: endOfLocalDay(until), justification: why });
      }}
    >
      <div>
        <label htmlFor={ids.until} className="block text-sm font-medium text-slate-700">
          New end date
        </label>
        <input id={ids.until} type="date" value={until} min={localDay(addDays(endsAt, 1))} onChange={(e) => setUntil(e.target.value)} className="mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm" />
      </div>
      <div>
        <label htmlFor={ids.why} className="block text-sm font-medium text-slate-700">
          Why longer?
        </label>
        <input id={ids.why} value={why} onChange={(e) => setWhy(e.target.value)} maxLength={2000} placeholder="At least 10 characters" className="mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm" />
      </div>
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
