'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../../../_trpc/client.tsx';
import { Badge } from '../../../_components/ui/badge.tsx';
import { Button } from '../../../_components/ui/button.tsx';
import { Notice } from '../../../_components/ui/card.tsx';
import { Checkbox } from '../../../_components/ui/field.tsx';
import { QueryError } from '../../../_components/ui/query-state.tsx';
import { TextField } from '../../../_components/ui/text-field.tsx';
import { serverFieldErrors } from '../_components/server-errors.ts';

type TSecretName = 'botToken' | 'signingSecret';
type TStored = { enabled: boolean; apiUrl: string; secretsSet: TSecretName[] };

const SECRETS: Array<{ name: TSecretName; label: string; hint: string }> = [
  { name: 'botToken', label: 'Bot token', hint: 'xoxb-…, from the app’s “OAuth & Permissions” page.' },
  {
    name: 'signingSecret',
    label: 'Signing secret',
    hint: 'From the app’s “Basic Information” page: proves each button press comes from Slack.',
  },
];

/** On or off, the Web API address, and the write-only secrets (an empty field keeps what is stored). */
export function SlackSettingsForm({ stored }: { stored: TStored }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [enabled, setEnabled] = useState(stored.enabled);
  const [apiUrl, setApiUrl] = useState(stored.apiUrl);
  const [secrets, setSecrets] = useState<Record<TSecretName, string>>({ botToken: '', signingSecret: '' });
  const save = useMutation(
    trpc.slack.saveSettings.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.slack.settings.queryKey() }),
    }),
  );
  const errors = serverFieldErrors(save.error);
  const typed = Object.fromEntries(Object.entries(secrets).filter(([, v]) => v.trim() !== '')) as Partial<
    Record<TSecretName, string>
  >;
  return (
    <form
      noValidate
      className="grid min-w-0 gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ enabled, apiUrl, ...(Object.keys(typed).length ? { secrets: typed } : {}) });
      }}
    >
      <Checkbox
        label="Send approvals to Slack"
        hint="Off: nothing is sent to Slack and its button presses are refused."
        checked={enabled}
        onChange={setEnabled}
      />
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        {SECRETS.map(({ name, label, hint }) => (
          <TextField
            key={name}
            label={
              <span className="flex flex-wrap items-center gap-2">
                {label}{' '}
                {stored.secretsSet.includes(name) ? (
                  <Badge tone="green">set</Badge>
                ) : (
                  <Badge tone="gray">not set</Badge>
                )}
              </span>
            }
            hint={`${hint} Stored encrypted and never shown again; leave empty to keep it.`}
            type="password"
            autoComplete="off"
            value={secrets[name]}
            onChange={(e) => setSecrets({ ...secrets, [name]: e.target.value })}
            maxLength={500}
            error={errors[`secrets.${name}`] ?? (name === 'botToken' ? errors.secrets : undefined)}
          />
        ))}
      </div>
      <TextField
        label="Slack Web API address"
        hint="https://slack.com/api/ unless you test against an emulator. Changing it clears the stored secrets: they are never sent to a new address."
        value={apiUrl}
        onChange={(e) => setApiUrl(e.target.value)}
        maxLength={500}
        error={errors.apiUrl}
      />
      {save.isSuccess ? <Notice tone="success">Saved.</Notice> : null}
      {save.error && Object.keys(errors).length === 0 ? (
        <QueryError query={save} prefix="Not saved:" />
      ) : null}
      <div>
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save Slack settings'}
        </Button>
      </div>
    </form>
  );
}
