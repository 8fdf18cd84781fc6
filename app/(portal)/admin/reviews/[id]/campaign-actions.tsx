'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import type { TCampaignDetail } from '@/server/trpc/routers/reviews/get-campaign.schema.ts';
import { useTRPC } from '../../../../_trpc/client.tsx';
import { Button } from '../../../../_components/ui/button.tsx';
import { Notice } from '../../../../_components/ui/card.tsx';
import { ConfirmDialog } from '@/app/_components/ui/confirm-dialog.tsx';

type TAction = 'start' | 'cancel' | 'close';

const CONFIRM: Record<
  TAction,
  { title: string; body: (c: TCampaignDetail) => string; button: string; variant: 'primary' | 'danger' }
> = {
  start: {
    title: 'Start the campaign now?',
    body: () =>
      'The access in scope is taken as it stands now and each item goes to its reviewer. Access granted later is not added.',
    button: 'Start now',
    variant: 'primary',
  },
  cancel: {
    title: 'Cancel the campaign?',
    body: () =>
      'Nobody can decide its items any more; decisions already taken stay, and nothing else is revoked.',
    button: 'Cancel campaign',
    variant: 'danger',
  },
  close: {
    title: 'Close the campaign now?',
    body: (c) =>
      `What nobody decided is settled by the campaign's rule now (${c.undecidedAction === 'KEEP' ? 'kept' : c.undecidedAction === 'REVOKE' ? 'revoked' : "escalated to the reviewer's manager"}), and revocations held for the close take effect.`,
    button: 'Close now',
    variant: 'danger',
  },
};

/** Edit, start, cancel or close, as the campaign's state allows; each asks first. */
export function CampaignActions({ c }: { c: TCampaignDetail }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState<TAction | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const onSuccess = async (message: string) => {
    setAsking(null);
    setDone(message);
    await queryClient.invalidateQueries({ queryKey: trpc.reviews.pathKey() });
  };
  const start = useMutation(
    trpc.reviews.startCampaign.mutationOptions({
      onSuccess: (r) =>
        onSuccess(
          r.status === 'CLOSED'
            ? 'Nothing was in scope: the campaign closed at once.'
            : `Started with ${r.items} item${r.items === 1 ? '' : 's'} to review.`,
        ),
    }),
  );
  const cancel = useMutation(
    trpc.reviews.cancelCampaign.mutationOptions({ onSuccess: () => onSuccess('Cancelled.') }),
  );
  const close = useMutation(
    trpc.reviews.closeCampaign.mutationOptions({
      onSuccess: (r) =>
        onSuccess(
          r.status === 'CLOSED'
            ? `Closed: ${r.kept} kept, ${r.revoked} revoked, ${r.ended} ended.`
            : `${r.escalated} item${r.escalated === 1 ? '' : 's'} escalated; the campaign closes when they are decided.`,
        ),
    }),
  );
  const mutation = asking === 'start' ? start : asking === 'cancel' ? cancel : close;
  const isOpen = c.status === 'DRAFT' || c.status === 'SCHEDULED';
  const run = () => {
    if (asking === 'start') start.mutate({ id: c.id });
    if (asking === 'cancel') cancel.mutate({ id: c.id });
    if (asking === 'close') close.mutate({ id: c.id });
  };
  return (
    <div className="mt-4 print:hidden">
      <div className="flex flex-wrap gap-2">
        {isOpen && c.kind === 'CAMPAIGN' ? (
          <Link
            href={`/admin/reviews/${c.id}/edit`}
            className="inline-flex items-center rounded-md bg-white px-3.5 py-2 text-sm font-medium text-slate-800 shadow-xs ring-1 ring-slate-300 ring-inset hover:bg-slate-50"
          >
            Edit
          </Link>
        ) : null}
        {isOpen ? <Button onClick={() => setAsking('start')}>Start now</Button> : null}
        {c.status === 'ACTIVE' ? (
          <Button variant="danger" onClick={() => setAsking('close')}>
            Close now
          </Button>
        ) : null}
        {isOpen || c.status === 'ACTIVE' ? (
          <Button variant="secondary" onClick={() => setAsking('cancel')}>
            Cancel campaign
          </Button>
        ) : null}
      </div>
      {done ? (
        <div className="mt-3">
          <Notice tone="success">{done}</Notice>
        </div>
      ) : null}
      <ConfirmDialog
        open={asking !== null}
        title={asking ? CONFIRM[asking].title : ''}
        consequences={asking ? CONFIRM[asking].body(c) : ''}
        confirmLabel={asking ? CONFIRM[asking].button : ''}
        cancelLabel="Not now"
        tone={asking ? CONFIRM[asking].variant : 'danger'}
        pending={mutation.isPending}
        error={mutation.error}
        onConfirm={run}
        onClose={() => setAsking(null)}
      />
    </div>
  );
}
