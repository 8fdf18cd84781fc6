'use client';

import { useMutation } from '@tanstack/react-query';
import { useTRPC } from '../../../_trpc/client.tsx';
import { Button } from '../../../_components/ui/button.tsx';
import { Card, Notice } from '../../../_components/ui/card.tsx';
import { QueryError } from '../../../_components/ui/query-state.tsx';

/** One direct message to the admin: proves the token, the scopes and the lookup by email before approvers rely on it. */
export function SlackTestMessage({ hasToken }: { hasToken: boolean }) {
  const trpc = useTRPC();
  const send = useMutation(trpc.slack.sendTestMessage.mutationOptions());
  return (
    <Card className="min-w-0 p-5">
      <h2 className="font-semibold text-slate-900">Try it</h2>
      <p className="mb-4 text-sm text-slate-600">
        Sends you a direct message from the app, found by your email in Slack. Works before approvals are
        turned on.
      </p>
      {send.isSuccess ? <Notice tone="success">Sent: look for it in Slack.</Notice> : null}
      {send.error ? <QueryError query={send} prefix="Not sent:" /> : null}
      <Button
        type="button"
        variant="secondary"
        disabled={!hasToken || send.isPending}
        onClick={() => send.mutate()}
      >
        {send.isPending ? 'Sending…' : 'Send test message'}
      </Button>
      {hasToken ? null : <p className="mt-2 text-sm text-slate-600">Set the bot token first.</p>}
    </Card>
  );
}
