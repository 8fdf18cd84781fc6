'use client';

import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../../_trpc/client.tsx';
import { Card, PageHeader } from '../../../_components/ui/card.tsx';
import { QueryState } from '../../../_components/ui/query-state.tsx';
import { SlackSettingsForm } from './slack-settings-form.tsx';
import { SlackTestMessage } from './slack-test-message.tsx';

/** Approvals in Slack (docs/decisions/072): off by default; the app's secrets are write-only. */
export function SlackSettingsView() {
  const trpc = useTRPC();
  const settings = useQuery(trpc.slack.settings.queryOptions());
  return (
    <>
      <PageHeader
        title="Slack"
        description="Approvers get each approval, reminder and escalation as a direct message from your Slack app, with Approve and Deny. Gatehouse finds each person in Slack by their email."
      />
      <div className="grid min-w-0 gap-6">
        <Card className="min-w-0 p-5">
          <h2 className="font-semibold text-slate-900">Slack app</h2>
          <p className="mb-4 text-sm text-slate-600">
            Create the app with the scopes chat:write, users:read and users:read.email, and set its
            interactivity Request URL to <code className="break-all">/api/slack/interactions</code> on this
            portal’s address (README, “Slack”).
          </p>
          <QueryState query={settings} loading="Loading the Slack settings">
            {settings.data ? (
              <SlackSettingsForm key={JSON.stringify(settings.data)} stored={settings.data} />
            ) : null}
          </QueryState>
        </Card>
        {settings.data ? <SlackTestMessage hasToken={settings.data.secretsSet.includes('botToken')} /> : null}
      </div>
    </>
  );
}
