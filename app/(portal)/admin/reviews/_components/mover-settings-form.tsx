'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage, useTRPC } from '../../../../_trpc/client.tsx';
import { Button } from '../../../../_components/ui/button.tsx';
import { Card, Notice } from '../../../../_components/ui/card.tsx';
import { QueryState } from '../../../../_components/ui/query-state.tsx';
import { Field, inputClass } from '@/app/_components/ui/field.tsx';

type TMode = 'OFF' | 'REVIEW' | 'AUTO_REVOKE';
const MODES: Array<{ value: TMode; label: string; hint: string }> = [
  { value: 'OFF', label: 'Off', hint: 'Access kept from the old job stays until someone removes it.' },
  {
    value: 'REVIEW',
    label: 'Review',
    hint: 'The new manager keeps or revokes it; what is undecided by the due date is escalated.',
  },
  {
    value: 'AUTO_REVOKE',
    label: 'Review, then revoke',
    hint: 'The new manager keeps or revokes it; what is not kept by the due date is revoked.',
  },
];

/** After a move: the access the person kept from the old job that the new one's birthright does not give. */
export function MoverSettingsForm() {
  const trpc = useTRPC();
  const settings = useQuery(trpc.reviews.getMoverSettings.queryOptions());
  return (
    <Card className="mt-8 p-5">
      <h2 className="text-lg font-semibold text-slate-900">When someone moves</h2>
      <p className="mt-1 text-sm text-slate-600">
        A short review for the new manager of the access the person kept from the old job that the new
        job&apos;s birthright does not give.
      </p>
      <QueryState query={settings} loading="Loading the settings">
        {settings.data ? <MoverForm initial={settings.data} /> : null}
      </QueryState>
    </Card>
  );
}

function MoverForm({ initial }: { initial: { mode: TMode; days: number } }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<TMode>(initial.mode);
  const [days, setDays] = useState(String(initial.days));
  const [local, setLocal] = useState<string | null>(null);
  const save = useMutation(
    trpc.reviews.saveMoverSettings.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.reviews.getMoverSettings.queryKey() }),
    }),
  );
  const error = local ?? (save.error ? errorMessage(save.error).replace(/^days: /, '') : null);
  return (
    <form
      noValidate
      className="mt-4 space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        if (!/^\s*\d+\s*$/.test(days)) return setLocal('The days must be a whole number');
        setLocal(null);
        save.mutate({ mode, days: Number(days) });
      }}
    >
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Mover review</legend>
        <div className="mt-2 space-y-2">
          {MODES.map((m) => (
            <label key={m.value} className="flex items-start gap-2 text-sm">
              <input
                type="radio"
                name="mover-mode"
                value={m.value}
                checked={mode === m.value}
                onChange={() => setMode(m.value)}
                className="mt-0.5 size-4 accent-brand-600"
              />
              <span>
                <span className="font-medium text-slate-800">{m.label}</span>
                <span className="block text-xs text-slate-500">{m.hint}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <Field label="Days the new manager has" error={error}>
        <input
          inputMode="numeric"
          value={days}
          disabled={mode === 'OFF'}
          onChange={(e) => setDays(e.target.value)}
          maxLength={3}
          className={`${inputClass} max-w-32`}
        />
      </Field>
      {save.isSuccess && !save.isPending ? <Notice tone="success">Saved.</Notice> : null}
      <Button type="submit" disabled={save.isPending}>
        {save.isPending ? 'Saving…' : 'Save mover review'}
      </Button>
    </form>
  );
}
