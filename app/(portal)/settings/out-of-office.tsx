'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage, useTRPC } from '../../_trpc/client.tsx';
import { Badge } from '../../_components/ui/badge.tsx';
import { Button } from '../../_components/ui/button.tsx';
import { Card, Notice } from '../../_components/ui/card.tsx';
import { Field } from '@/app/_components/ui/field.tsx';
import { DateField } from '@/app/_components/ui/date-field.tsx';
import { PeoplePicker, type TPerson } from '../admin/_components/people-picker.tsx';
import { dayFromNow, endOfUtcDay, utcDay, startOfUtcDay } from '@/app/_components/ui/days.ts';
import { useHydrated } from '@/app/_components/ui/use-hydrated.ts';
import { DayText } from '@/app/_components/ui/day-text.tsx';

/** Out of office: a colleague decides your approval steps between two dates; their decisions name you both. */
export function OutOfOffice() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.approvals.delegations.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.approvals.delegations.queryKey() });
  const revoke = useMutation(trpc.approvals.revokeDelegation.mutationOptions({ onSuccess: refresh }));
  // The form's days are the reader's own (from today, in their zone): the server cannot write them.
  const hydrated = useHydrated();

  return (
    <section aria-labelledby="ooo-title" className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
      <Card className="p-5">
        <h2 id="ooo-title" className="text-lg font-semibold text-slate-900">
          Out of office
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          While you are away, a colleague decides the approvals assigned to you. Each decision records them
          and you.
        </p>
        {hydrated ? <DelegationForm onSaved={refresh} /> : null}
      </Card>
      <div className="space-y-4">
        <Card className="p-5">
          <h3 className="font-medium text-slate-900">Your stand-ins</h3>
          {revoke.error ? <Notice tone="error">{errorMessage(revoke.error)}</Notice> : null}
          <ul className="mt-2 divide-y divide-slate-100 text-sm" aria-label="Your stand-ins">
            {list.data?.given.map((d) => (
              <li key={d.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span>
                  <span className="font-medium text-slate-900">{d.delegate.displayName}</span>{' '}
                  <span className="text-slate-600">
                    <DayText at={d.startsAt} /> – <DayText at={d.endsAt} />
                  </span>{' '}
                  {d.isActive ? <Badge tone="green">Now</Badge> : <Badge tone="gray">Planned</Badge>}
                </span>
                <Button
                  variant="secondary"
                  size="sm"
                  disabled={revoke.isPending}
                  onClick={() => revoke.mutate({ delegationId: d.id })}
                >
                  End
                </Button>
              </li>
            ))}
            {list.data?.given.length === 0 ? (
              <li className="py-2 text-slate-500">Nobody stands in for you.</li>
            ) : null}
          </ul>
        </Card>
        <Card className="p-5">
          <h3 className="font-medium text-slate-900">You stand in for</h3>
          <ul className="mt-2 divide-y divide-slate-100 text-sm" aria-label="You stand in for">
            {list.data?.received.map((d) => (
              <li key={d.id} className="py-2">
                <span className="font-medium text-slate-900">{d.delegator.displayName}</span>{' '}
                <span className="text-slate-600">
                  <DayText at={d.startsAt} /> – <DayText at={d.endsAt} />
                </span>{' '}
                {d.isActive ? <Badge tone="green">Now</Badge> : <Badge tone="gray">Planned</Badge>}
              </li>
            ))}
            {list.data?.received.length === 0 ? <li className="py-2 text-slate-500">Nobody.</li> : null}
          </ul>
        </Card>
      </div>
    </section>
  );
}

/** Who stands in, from which day until which: UTC days, as the portal writes every date (days.ts). */
function DelegationForm({ onSaved }: { onSaved: () => Promise<void> }) {
  const trpc = useTRPC();
  const [delegate, setDelegate] = useState<TPerson | null>(null);
  const [from, setFrom] = useState(() => utcDay(new Date()));
  const [to, setTo] = useState(() => dayFromNow(7));
  const set = useMutation(trpc.approvals.setDelegation.mutationOptions({ onSuccess: onSaved }));
  return (
    <form
      className="mt-4 grid gap-4 sm:grid-cols-2"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!delegate) return;
        set.mutate(
          { delegateId: delegate.id, startsAt: startOfUtcDay(from), endsAt: endOfUtcDay(to) },
          { onSuccess: () => setDelegate(null) },
        );
      }}
    >
      <Field label="Stand-in" required className="sm:col-span-2">
        <PeoplePicker value={delegate} onChange={setDelegate} />
      </Field>
      <DateField label="From" required value={from} min={utcDay(new Date())} onChange={setFrom} />
      <DateField label="Until" required value={to} min={from} onChange={setTo} />
      {set.error ? (
        <div className="sm:col-span-2">
          <Notice tone="error">{errorMessage(set.error)}</Notice>
        </div>
      ) : null}
      <div className="sm:col-span-2">
        <Button type="submit" disabled={!delegate || set.isPending}>
          {set.isPending ? 'Saving…' : 'Set stand-in'}
        </Button>
      </div>
    </form>
  );
}
