'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { errorMessage, useTRPC } from '../../_trpc/client.tsx';
import { Button } from '../../_components/ui/button.tsx';
import { Notice } from '../../_components/ui/card.tsx';

type TEntitlement = { id: string; name: string; maxDurationDays: number | null };

const DAY_MS = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

export function RequestForm({ entitlement, onDone }: { entitlement: TEntitlement; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useQuery(trpc.me.get.queryOptions());
  const ids = { why: useId(), until: useId(), forWhom: useId() };
  const [justification, setJustification] = useState('');
  const [endsOn, setEndsOn] = useState('');
  const [beneficiaryId, setBeneficiaryId] = useState('');
  // One key per form: a double click or a retried POST makes one request.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const create = useMutation(
    trpc.requests.create.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.catalog.list.queryKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.requests.listMine.queryKey() });
        onDone();
      },
    }),
  );
  const today = new Date();
  const maxDay = entitlement.maxDurationDays ? isoDay(new Date(today.getTime() + entitlement.maxDurationDays * DAY_MS)) : undefined;
  const needsEnd = entitlement.maxDurationDays !== null;
  const reports = me.data?.reports ?? [];

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate({
          entitlementId: entitlement.id,
          justification,
          requestedEndsAt: endsOn ? new Date(`${endsOn}T23:59:59`) : null,
          beneficiaryId: beneficiaryId || undefined,
          idempotencyKey,
        });
      }}
      className="space-y-4"
      noValidate
    >
      <h3 className="font-medium text-slate-900">Request access</h3>
      {reports.length > 0 ? (
        <div>
          <label htmlFor={ids.forWhom} className="block text-sm font-medium text-slate-700">
            For
          </label>
          <select
            id={ids.forWhom}
            value={beneficiaryId}
            onChange={(e) => setBeneficiaryId(e.target.value)}
            className="mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
          >
            <option value="">Myself</option>
            {reports.map((r) => (
              <option key={r.id} value={r.id}>
                {r.displayName}
                {r.title ? ` — ${r.title}` : ''}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div>
        <label htmlFor={ids.why} className="block text-sm font-medium text-slate-700">
          Why do you need it? <span className="text-red-600">*</span>
        </label>
        <textarea
          id={ids.why}
          required
          minLength={10}
          maxLength={2000}
          rows={4}
          value={justification}
          onChange={(e) => setJustification(e.target.value)}
          placeholder="e.g. I prepare the month-end close and need to read the ledger reports."
          className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-sm placeholder:text-slate-400"
        />
        <p className="mt-1 text-xs text-slate-500">Your approver sees this. At least 10 characters.</p>
      </div>
      <div>
        <label htmlFor={ids.until} className="block text-sm font-medium text-slate-700">
          Until {needsEnd ? <span className="text-red-600">*</span> : <span className="font-normal text-slate-500">(optional)</span>}
        </label>
        <input
          id={ids.until}
          type="date"
          required={needsEnd}
          min={isoDay(new Date(today.getTime() + DAY_MS))}
          max={maxDay}
          value={endsOn}
          onChange={(e) => setEndsOn(e.target.value)}
          className="mt-1 rounded-md border border-slate-300 px-3 py-2 text-sm"
        />
        {needsEnd ? <p className="mt-1 text-xs text-slate-500">This access lasts at most {entitlement.maxDurationDays} days.</p> : null}
      </div>
      {create.error ? <Notice tone="error">{errorMessage(create.error)}</Notice> : null}
      <Button type="submit" disabled={create.isPending} className="w-full">
        {create.isPending ? 'Sending…' : 'Send request'}
      </Button>
    </form>
  );
}
