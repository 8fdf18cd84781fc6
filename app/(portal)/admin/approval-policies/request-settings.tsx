'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage, useTRPC } from '../../../_trpc/client.tsx';
import { Button } from '../../../_components/ui/button.tsx';
import { Card, Notice } from '../../../_components/ui/card.tsx';
import { Field, inputClass } from '@/app/_components/ui/field.tsx';

/** How long an undecided request may wait before it expires. */
export function RequestSettings({ canManage }: { canManage: boolean }) {
  const trpc = useTRPC();
  const settings = useQuery(trpc.approvalPolicies.settings.queryOptions());
  return settings.data ? <SettingsForm key={settings.data.requestMaxAgeDays} days={settings.data.requestMaxAgeDays} canManage={canManage} /> : null;
}

function SettingsForm({ days, canManage }: { days: number; canManage: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [value, setValue] = useState(String(days));
  const save = useMutation(trpc.approvalPolicies.saveSettings.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.approvalPolicies.settings.queryKey() }) }));
  return (
    <Card className="max-w-xl p-5">
      <form
        noValidate
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({ requestMaxAgeDays: Number(value) });
        }}
      >
        <Field label="Undecided requests expire after (days)" hint="The requester is told and can ask again. Reminders and escalation come first (per stage).">
          <input type="number" min={1} max={365} value={value} disabled={!canManage} onChange={(e) => setValue(e.target.value)} className={inputClass} />
        </Field>
        {save.error ? <Notice tone="error">{errorMessage(save.error)}</Notice> : null}
        {save.isSuccess ? <Notice tone="success">Saved.</Notice> : null}
        {canManage ? (
          <Button type="submit" disabled={save.isPending}>
            Save
          </Button>
        ) : null}
      </form>
    </Card>
  );
}
