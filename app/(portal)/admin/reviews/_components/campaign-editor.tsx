'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { TRPCClientError } from '@trpc/client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { TCampaignDetail } from '@/server/trpc/routers/reviews/get-campaign.schema.ts';
import { errorMessage, useTRPC } from '../../../../_trpc/client.tsx';
import { Button } from '../../../../_components/ui/button.tsx';
import { Notice, PageHeader } from '../../../../_components/ui/card.tsx';
import { DateField } from '@/app/_components/ui/date-field.tsx';
import { Checkbox } from '@/app/_components/ui/field.tsx';
import { Select, TextArea, TextField } from '@/app/_components/ui/text-field.tsx';
import { campaignInput, draftOf, type TCampaignDraft } from './campaign-form-state.ts';
import { ScopeFields } from './scope-fields.tsx';
import { StageFields } from './stage-fields.tsx';
import { withoutField } from '../../_components/server-errors.ts';

type TField = 'name' | 'description' | 'scope' | 'stages' | 'startsAt' | 'dueAt' | 'recurrenceMonths';
const FIELDS: readonly TField[] = [
  'name',
  'description',
  'scope',
  'stages',
  'startsAt',
  'dueAt',
  'recurrenceMonths',
];

/*
 * Where each of the server's messages shows: zod's by input key, the engine's own (AppError) by the
 * field its message starts with ("stages: no such team"). Anything else shows above the buttons.
 */
function errorsOf(error: unknown): { byField: Partial<Record<TField, string>>; other: string | null } {
  if (!error) return { byField: {}, other: null };
  const byField: Partial<Record<TField, string>> = {};
  const fieldErrors =
    error instanceof TRPCClientError
      ? (error.data as { fieldErrors?: Record<string, string[] | undefined> | null } | undefined)?.fieldErrors
      : null;
  const messages = fieldErrors
    ? Object.values(fieldErrors).flatMap((m) => m ?? [])
    : errorMessage(error).split('; ');
  const rest: string[] = [];
  for (const [key, list] of Object.entries(fieldErrors ?? {})) {
    const field = FIELDS.find((f) => f === key);
    if (field && list?.[0]) byField[field] = withoutField(list[0], field);
  }
  if (!fieldErrors)
    for (const message of messages) {
      const field = FIELDS.find((f) => message.startsWith(`${f}:`) || message.startsWith(`${f}.`));
      if (field) byField[field] ??= withoutField(message, field);
      else rest.push(message);
    }
  return {
    byField,
    other: rest.length
      ? rest.join('; ')
      : fieldErrors && Object.keys(byField).length === 0
        ? (messages[0] ?? null)
        : null,
  };
}

/** What the browser can tell before asking: numbers that are not whole numbers of days or months. */
function checkDraft(d: TCampaignDraft): Partial<Record<TField, string>> {
  const out: Partial<Record<TField, string>> = {};
  if (d.notReviewedDays.trim() && !/^\s*\d+\s*$/.test(d.notReviewedDays))
    out.scope = 'The days must be a whole number';
  if (d.recurrence === 'MONTHS' && !/^\s*\d+\s*$/.test(d.months))
    out.recurrenceMonths = 'The months must be a whole number';
  if (!d.startDay) out.startsAt = 'Choose a start date';
  if (!d.dueDay) out.dueAt = 'Choose a due date';
  return out;
}

/** Create a campaign, or change one that has not started. Dates are UTC days. */
export function CampaignEditor({ campaign }: { campaign: TCampaignDetail | null }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const items = useQuery(trpc.sod.items.queryOptions());
  const [d, setD] = useState<TCampaignDraft>(() => draftOf(campaign));
  const set = (patch: Partial<TCampaignDraft>) => setD((prev) => ({ ...prev, ...patch }));
  const onSaved = async ({ id }: { id: string }) => {
    await queryClient.invalidateQueries({ queryKey: trpc.reviews.pathKey() });
    router.push(`/admin/reviews/${id}`);
  };
  const create = useMutation(trpc.reviews.createCampaign.mutationOptions({ onSuccess: onSaved }));
  const update = useMutation(trpc.reviews.updateCampaign.mutationOptions({ onSuccess: onSaved }));
  const save = campaign ? update : create;
  const [local, setLocal] = useState<Partial<Record<TField, string>>>({});
  const server = errorsOf(save.error);
  const byField = { ...server.byField, ...local };
  const other = server.other;
  const kinds = new Map((items.data ?? []).map((i) => [i.id, i.kind] as const));

  return (
    <>
      <PageHeader
        title={campaign ? `Change ${campaign.name}` : 'New access review'}
        description="What to review, who reviews it stage by stage, by when, and what happens to what nobody decided."
      />
      <form
        noValidate
        className="space-y-5"
        onSubmit={(e) => {
          e.preventDefault();
          const found = checkDraft(d);
          setLocal(found);
          if (Object.keys(found).length) return;
          const input = campaignInput(d, kinds);
          if (campaign) update.mutate({ ...input, id: campaign.id });
          else create.mutate(input);
        }}
      >
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label="Name"
            required
            error={byField.name}
            value={d.name}
            onChange={(e) => set({ name: e.target.value })}
            maxLength={200}
            placeholder="e.g. Q1 Finance systems review"
          />
          <TextArea
            label="Description"
            error={byField.description}
            className="sm:col-span-2"
            value={d.description}
            onChange={(e) => set({ description: e.target.value })}
            maxLength={2000}
            rows={2}
          />
        </div>
        <ScopeFields scope={d} onChange={set} error={byField.scope ?? null} />
        <StageFields
          stages={d.stages}
          onChange={(stages) => set({ stages })}
          error={byField.stages ?? null}
        />
        <fieldset className="grid min-w-0 gap-4 rounded-md border border-slate-200 p-3 sm:grid-cols-2">
          <legend className="px-1 text-sm font-medium text-slate-700">When</legend>
          <DateField
            label="Starts on (UTC)"
            required
            hint="At 00:00 UTC that day. Today or earlier: it starts when it is saved (not as a draft)."
            error={byField.startsAt}
            value={d.startDay}
            onChange={(startDay) => set({ startDay })}
          />
          <DateField
            label="Due on (UTC)"
            required
            hint="Decisions are taken until the end of that day, UTC."
            error={byField.dueAt}
            value={d.dueDay}
            min={d.startDay}
            onChange={(dueDay) => set({ dueDay })}
          />
          <Select
            label="What nobody decided by the due date"
            value={d.undecidedAction}
            onChange={(e) => set({ undecidedAction: e.target.value as TCampaignDraft['undecidedAction'] })}
          >
            <option value="KEEP">Keep the access</option>
            <option value="REVOKE">Revoke the access</option>
            <option value="ESCALATE">Escalate to the reviewer&apos;s manager</option>
          </Select>
          <Select
            label="A revocation takes effect"
            value={d.revokeTiming}
            onChange={(e) => set({ revokeTiming: e.target.value as TCampaignDraft['revokeTiming'] })}
          >
            <option value="IMMEDIATE">At once, when decided</option>
            <option value="AT_CLOSE">When the campaign closes</option>
          </Select>
          <Select
            label="Repeat"
            value={d.recurrence}
            onChange={(e) => set({ recurrence: e.target.value as TCampaignDraft['recurrence'] })}
          >
            <option value="NONE">No, once</option>
            <option value="QUARTERLY">Quarterly</option>
            <option value="MONTHS">Every … months</option>
          </Select>
          {d.recurrence === 'MONTHS' ? (
            <TextField
              label="Every how many months"
              error={byField.recurrenceMonths}
              className="sm:max-w-32"
              inputMode="numeric"
              value={d.months}
              onChange={(e) => set({ months: e.target.value })}
              maxLength={2}
            />
          ) : byField.recurrenceMonths ? (
            <p className="text-xs font-medium text-red-700">{byField.recurrenceMonths}</p>
          ) : null}
        </fieldset>
        <Checkbox
          label="Keep it as a draft"
          hint="A draft does not start by itself on its start date; start it from its page."
          checked={d.draft}
          onChange={(draft) => set({ draft })}
        />
        {other ? <Notice tone="error">{other}</Notice> : null}
        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : campaign ? 'Save changes' : 'Create campaign'}
          </Button>
          <Link
            href={campaign ? `/admin/reviews/${campaign.id}` : '/admin/reviews'}
            className="inline-flex items-center rounded-md px-3.5 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100"
          >
            Cancel
          </Link>
        </div>
      </form>
    </>
  );
}
