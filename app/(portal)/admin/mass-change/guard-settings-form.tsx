'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../../../_trpc/client.tsx';
import { Button } from '../../../_components/ui/button.tsx';
import { Card, Notice } from '../../../_components/ui/card.tsx';
import { QueryError, QueryState } from '../../../_components/ui/query-state.tsx';
import { TextField } from '../../../_components/ui/text-field.tsx';
import { serverFieldErrors } from '../_components/server-errors.ts';

type TSettings = { sharePercent: number; minPeople: number; scimWindowMinutes: number };
type TText = Record<keyof TSettings, string>;

const toText = (s: TSettings): TText => ({
  sharePercent: String(s.sharePercent),
  minPeople: String(s.minPeople),
  scimWindowMinutes: String(s.scimWindowMinutes),
});

/** The guard's share, minimum and SCIM window (docs/decisions/065); the server checks the ranges. */
export function GuardSettingsForm() {
  const trpc = useTRPC();
  const settings = useQuery(trpc.massChange.getSettings.queryOptions());
  // Held here: the form remounts with what was stored after a save, and would forget it said so.
  const [saved, setSaved] = useState(false);
  return (
    <Card className="min-w-0 p-5">
      <h2 className="font-semibold text-slate-900">When a change is a mass change</h2>
      <p className="mb-4 text-sm text-slate-600">
        One setting for every guarded change; an HR source keeps its own threshold on its settings page.
      </p>
      <QueryState query={settings} loading="Loading the guard’s settings">
        {settings.data ? (
          <SettingsForm
            key={JSON.stringify(settings.data)}
            stored={settings.data}
            saved={saved}
            onSaved={setSaved}
          />
        ) : null}
      </QueryState>
    </Card>
  );
}

function SettingsForm({
  stored,
  saved,
  onSaved: setSaved,
}: {
  stored: TSettings;
  saved: boolean;
  onSaved: (saved: boolean) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [text, setText] = useState<TText>(() => toText(stored));
  const save = useMutation(
    trpc.massChange.saveSettings.mutationOptions({
      onSuccess: async () => {
        setSaved(true);
        await queryClient.invalidateQueries({ queryKey: trpc.massChange.getSettings.queryKey() });
      },
    }),
  );
  const errors = serverFieldErrors(save.error);
  const set = (k: keyof TSettings) => (e: React.ChangeEvent<HTMLInputElement>) => (
    setText({ ...text, [k]: e.target.value }),
    setSaved(false)
  );
  const dirty = JSON.stringify(text) !== JSON.stringify(toText(stored));
  return (
    <form
      noValidate
      className="grid min-w-0 gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({
          sharePercent: Number(text.sharePercent),
          minPeople: Number(text.minPeople),
          scimWindowMinutes: Number(text.scimWindowMinutes),
        });
      }}
    >
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-3">
        <TextField
          label="Share of people (%)"
          hint="A change that takes access from more than this share of the people who have not left is held."
          inputMode="decimal"
          value={text.sharePercent}
          onChange={set('sharePercent')}
          maxLength={6}
          required
          error={errors.sharePercent}
        />
        <TextField
          label="From how many people"
          hint="Below this many people nothing is held, so a small organisation is not asked about every edit."
          inputMode="numeric"
          value={text.minPeople}
          onChange={set('minPeople')}
          maxLength={6}
          required
          error={errors.minPeople}
        />
        <TextField
          label="SCIM window (minutes)"
          hint="Deactivations from one identity provider are counted over this many minutes."
          inputMode="numeric"
          value={text.scimWindowMinutes}
          onChange={set('scimWindowMinutes')}
          maxLength={4}
          required
          error={errors.scimWindowMinutes}
        />
      </div>
      {saved ? (
        <Notice tone="success">Saved. The next guarded change is judged by these numbers.</Notice>
      ) : null}
      {save.error && Object.keys(errors).length === 0 ? (
        <QueryError query={save} prefix="Not saved:" />
      ) : null}
      <div>
        <Button type="submit" disabled={!dirty || save.isPending}>
          {save.isPending ? 'Saving…' : 'Save settings'}
        </Button>
      </div>
    </form>
  );
}
