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
  const d = settings.data;
  return d ? (
    <SettingsForm
      key={`${d.requestMaxAgeDays}:${d.agentRequests}`}
      days={d.requestMaxAgeDays}
      agents={d.agentRequests}
      canManage={canManage}
    />
  ) : null;
}

type TAgentMode = 'OFF' | 'LOW_RISK_ONLY' | 'ALLOWED';
const AGENT_MODES: Array<[TAgentMode, string]> = [
  ['OFF', 'Off: agents cannot request access'],
  ['LOW_RISK_ONLY', 'Low-risk items only'],
  ['ALLOWED', 'Anything the person may request'],
];

function SettingsForm({ days, agents, canManage }: { days: number; agents: TAgentMode; canManage: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [value, setValue] = useState(String(days));
  const [agentMode, setAgentMode] = useState<TAgentMode>(agents);
  const save = useMutation(
    trpc.approvalPolicies.saveSettings.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.approvalPolicies.settings.queryKey() }),
    }),
  );
  return (
    <Card className="max-w-xl p-5">
      <form
        noValidate
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({ requestMaxAgeDays: Number(value), agentRequests: agentMode });
        }}
      >
        <Field
          label="Undecided requests expire after (days)"
          hint="The requester is told and can ask again. Reminders and escalation come first (per stage)."
        >
          <input
            type="number"
            min={1}
            max={365}
            value={value}
            disabled={!canManage}
            onChange={(e) => setValue(e.target.value)}
            className={inputClass}
          />
        </Field>
        <Field
          label="Requests by AI agents (MCP)"
          hint="Agents act only as their person and never decide; approvers see each agent request marked."
        >
          <select
            value={agentMode}
            disabled={!canManage}
            onChange={(e) => setAgentMode(e.target.value as TAgentMode)}
            className={inputClass}
          >
            {AGENT_MODES.map(([mode, label]) => (
              <option key={mode} value={mode}>
                {label}
              </option>
            ))}
          </select>
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
