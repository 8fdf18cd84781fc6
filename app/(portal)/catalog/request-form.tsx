'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useDeferredValue, useState } from 'react';
import { errorMessage, useTRPC } from '../../_trpc/client.tsx';
import { Button } from '../../_components/ui/button.tsx';
import { Notice } from '../../_components/ui/card.tsx';
import { DateField } from '../../_components/ui/date-field.tsx';
import { Field } from '../../_components/ui/field.tsx';
import { Select, TextArea } from '../../_components/ui/text-field.tsx';
import { PeoplePicker, type TPerson } from '../admin/_components/people-picker.tsx';
import { forWhomOf } from './for-whom.ts';
import { RequestPreview } from './request-preview.tsx';
import { useCan } from '@/app/_components/use-can.ts';
import { addDays, endOfUtcDay, utcDay } from '@/app/_components/ui/days.ts';
import { justificationQuestion } from '@/server/shared/justification-question.ts';

export type TBasketItem = {
  kind: 'ENTITLEMENT' | 'ROLE';
  id: string;
  name: string;
  maxDurationDays: number | null;
};

/**
 * One submission of one or more items, each with its own approval chain. Before sending, the form
 * shows what will happen (the server's own plan): who approves, and what segregation of duties says.
 */
export function RequestForm({
  items,
  onRemove,
  onSwap,
  onDone,
}: {
  items: TBasketItem[];
  onRemove: (id: string) => void;
  onSwap: (roleId: string, name: string) => void;
  onDone: (names: string[]) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useQuery(trpc.me.get.queryOptions());
  const canRequestForAnyone = useCan('request.createForAnyone');
  const [justification, setJustification] = useState('');
  const [endsOn, setEndsOn] = useState('');
  const [reportId, setReportId] = useState('');
  // The identity team may ask for anyone.
  const [anyone, setAnyone] = useState<TPerson | null>(null);
  const beneficiaryId = anyone?.id ?? reportId;
  // One key per form: a double click or a retried POST makes one request.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const requestedEndsAt = endsOn ? endOfUtcDay(endsOn) : null;
  const previewInput = useDeferredValue({
    items: items.map(({ kind, id }) => ({ kind, id })),
    beneficiaryId: beneficiaryId || undefined,
    requestedEndsAt,
  });
  const preview = useQuery({
    ...trpc.requests.preview.queryOptions(previewInput),
    enabled: items.length > 0,
    placeholderData: (prev) => prev,
  });
  const create = useMutation(
    trpc.requests.create.mutationOptions({
      onSuccess: async (result) => {
        // By path: the catalog's list is an infinite query, whose key a plain queryKey() never matches.
        await queryClient.invalidateQueries({ queryKey: trpc.catalog.list.pathKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.catalog.roles.pathKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.requests.listMine.pathKey() });
        onDone(result.requests.map((r) => r.itemName));
      },
    }),
  );
  const today = new Date();
  const limits = items.map((i) => i.maxDurationDays).filter((d): d is number => d !== null);
  const maxDays = limits.length ? Math.min(...limits) : null;
  const maxDay = maxDays ? utcDay(addDays(today, maxDays)) : undefined;
  const reports = me.data?.reports ?? [];
  const blocked = preview.data ? !preview.data.canSubmit : false;
  // Whom the access is for, when not the requester: the question names them. The preview's answer
  // once it is about the person chosen now (its kept data, while it reloads, is about the previous one).
  const chosenName = anyone?.displayName ?? reports.find((r) => r.id === reportId)?.displayName ?? null;
  const forWhom = forWhomOf({
    previewed: preview.isPlaceholderData ? undefined : preview.data,
    chosenName,
  });

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate({
          items: items.map(({ kind, id }) => ({ kind, id })),
          justification,
          requestedEndsAt,
          beneficiaryId: beneficiaryId || undefined,
          idempotencyKey,
        });
      }}
      className="space-y-4"
      noValidate
    >
      <h3 tabIndex={-1} className="font-medium text-slate-900 focus:outline-none">
        Request access
      </h3>
      <ul aria-label="Items in this request" className="space-y-1">
        {items.map((i) => (
          <li
            key={i.id}
            className="flex items-center justify-between gap-2 rounded-md bg-slate-50 px-2.5 py-1.5 text-sm ring-1 ring-slate-200"
          >
            <span className="min-w-0 truncate text-slate-800">
              {i.name}
              {i.kind === 'ROLE' ? <span className="text-slate-500"> · role</span> : null}
            </span>
            <button
              type="button"
              onClick={() => onRemove(i.id)}
              aria-label={`Remove ${i.name}`}
              className="rounded px-1.5 text-slate-500 hover:bg-slate-200 hover:text-slate-900"
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <p className="text-xs text-slate-500">Add more from the catalog: each item gets its own approval.</p>
      {canRequestForAnyone ? (
        <Field
          label={
            <>
              For <span className="font-normal text-slate-500">(empty: yourself)</span>
            </>
          }
        >
          <PeoplePicker
            value={anyone}
            onChange={setAnyone}
            placeholder="Anyone in the company…"
            clearLabel="Back to yourself"
          />
        </Field>
      ) : reports.length > 0 ? (
        <Select label="For" value={reportId} onChange={(e) => setReportId(e.target.value)}>
          <option value="">Myself</option>
          {reports.map((r) => (
            <option key={r.id} value={r.id}>
              {r.displayName}
              {r.title ? ` — ${r.title}` : ''}
            </option>
          ))}
        </Select>
      ) : null}
      <TextArea
        label={justificationQuestion(forWhom)}
        hint="Your approvers see this. At least 10 characters."
        required
        minLength={10}
        maxLength={2000}
        rows={4}
        value={justification}
        onChange={(e) => setJustification(e.target.value)}
        placeholder={
          forWhom
            ? `e.g. ${forWhom} prepares the month-end close and needs to read the ledger reports.`
            : 'e.g. I prepare the month-end close and need to read the ledger reports.'
        }
      />
      <DateField
        label={<>Until{maxDays ? null : <span className="font-normal text-slate-500"> (optional)</span>}</>}
        required={maxDays !== null}
        min={utcDay(addDays(today, 1))}
        max={maxDay}
        value={endsOn}
        onChange={setEndsOn}
        hint={maxDays ? `This access lasts at most ${maxDays} days.` : undefined}
      />
      {preview.data ? (
        <RequestPreview preview={preview.data} onSwap={onSwap} />
      ) : preview.isPending ? (
        <p className="text-sm text-slate-500">Working out who approves…</p>
      ) : null}
      {create.error ? <Notice tone="error">{errorMessage(create.error)}</Notice> : null}
      <Button type="submit" disabled={create.isPending || blocked} className="w-full">
        {create.isPending ? 'Sending…' : items.length > 1 ? `Send ${items.length} requests` : 'Send request'}
      </Button>
      {blocked ? (
        <p className="text-center text-xs text-slate-500">
          Fix what the summary above points out to send this request.
        </p>
      ) : null}
    </form>
  );
}
