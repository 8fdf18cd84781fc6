'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { TApplicationAccess } from '@/server/trpc/routers/access/access.schema.ts';
import { useTRPC } from '../../_trpc/client.tsx';
import { Badge, RiskBadge, StateBadge } from '../../_components/ui/badge.tsx';
import { Button } from '../../_components/ui/button.tsx';
import { Card, Notice } from '../../_components/ui/card.tsx';
import { ConfirmDialog } from '../../_components/ui/confirm-dialog.tsx';
import { formatDate } from '../../_components/ui/format.ts';
import { ExtendForm } from './extend-form.tsx';
import { DayText, SentenceText } from '@/app/_components/ui/day-text.tsx';

const SOURCE_LABEL: Record<string, string> = {
  REQUEST: 'Requested',
  BIRTHRIGHT: 'Birthright',
  ADMIN: 'Granted by the identity team',
  RECONCILIATION: 'Found in the application',
  SEED: 'Initial load',
};

type TItem = TApplicationAccess['items'][number];

function why(item: TItem): string {
  const parts = [SOURCE_LABEL[item.why.source] ?? item.why.source];
  if (item.why.approvedBy) parts.push(`approved by ${item.why.approvedBy}`);
  if (item.why.ruleName) parts.push(`rule “${item.why.ruleName}”`);
  if (item.why.roleName) parts.push(`via role ${item.why.roleName}`);
  return parts.join(', ');
}

/**
 * Access grouped by application; `self` lets the holder give access up, `team` lets a manager revoke
 * (`person` names whose access it is, in the dialog and in what it says after).
 * `accountAction` puts something beside an application's account (My access: "Set password…").
 */
export function AccessList({
  applications,
  mode,
  person,
  accountAction,
}: {
  applications: TApplicationAccess[];
  mode: 'self' | 'team';
  person?: string;
  accountAction?: (app: TApplicationAccess) => React.ReactNode;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState<TItem | null>(null);
  // The application of the item asked about, when provisioning to it is paused (the server says so).
  const [paused, setPaused] = useState<string | null>(null);
  const [extending, setExtending] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const revoke = useMutation(
    trpc.access.revoke.mutationOptions({
      onSuccess: async () => {
        const removal = paused
          ? `it is removed from ${paused} when provisioning there is enabled again`
          : 'it is being removed from the application';
        if (confirming)
          setDone(
            mode === 'self'
              ? `You gave up ${confirming.entitlement.name}: ${removal}.`
              : `${confirming.entitlement.name} revoked${person ? ` from ${person}` : ''}: ${removal}${person ? `, and ${person} is told` : ''}.`,
          );
        setConfirming(null);
        await queryClient.invalidateQueries({
          queryKey: mode === 'self' ? trpc.access.listMine.queryKey() : trpc.access.listTeam.queryKey(),
        });
      },
    }),
  );
  return (
    <div className="space-y-4">
      {done ? <Notice tone="success">{done}</Notice> : null}
      {applications.map((app) => (
        <Card key={app.application.id} className="overflow-hidden">
          <header className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-100 bg-slate-50/60 px-5 py-3">
            <h2 className="font-semibold text-slate-900">{app.application.name}</h2>
            {app.account ? (
              <div className="flex min-w-0 flex-wrap items-center gap-2 text-xs text-slate-600">
                <span className="shrink-0">Account</span>
                {/* Whole, broken anywhere: a DN cut with "…" hid the part that tells accounts apart, and a
                    title is out of reach on a phone. */}
                <code
                  className="min-w-0 rounded bg-white px-1.5 py-0.5 font-mono break-all text-slate-800 ring-1 ring-slate-200"
                  title="The account's ID in the application"
                >
                  {app.account.nativeId ?? `${app.account.username} (being created)`}
                </code>
                {app.account.status !== 'ACTIVE' ? (
                  <Badge tone="gray">{app.account.status.toLowerCase()}</Badge>
                ) : null}
                {accountAction?.(app)}
              </div>
            ) : null}
          </header>
          <ul className="divide-y divide-slate-100">
            {app.items.map((item) => (
              <li
                key={`${item.grantId}:${item.entitlement.id}`}
                className="flex flex-wrap items-center gap-x-6 gap-y-2 px-5 py-3"
                data-entitlement={item.entitlement.name}
              >
                <div className="min-w-56 flex-1">
                  <p className="font-medium text-slate-900">{item.entitlement.name}</p>
                  <p className="text-sm text-slate-600">{why(item)}</p>
                </div>
                <div className="text-sm text-slate-600">
                  <p>
                    Since <DayText at={item.since} />
                  </p>
                  <p>
                    {item.endsAt ? <SentenceText text={`Until ${formatDate(item.endsAt)}`} /> : 'No end date'}
                  </p>
                </div>
                <div className="flex items-center gap-2">
                  <RiskBadge risk={item.entitlement.risk} />
                  <StateBadge state={item.state} reason={item.reason} />
                </div>
                <div className="w-40 text-right">
                  {item.canRelinquish ? (
                    <Button
                      variant="secondary"
                      size="sm"
                      onClick={() => (
                        revoke.reset(),
                        setPaused(app.application.enabled ? null : app.application.name),
                        setConfirming(item)
                      )}
                    >
                      {mode === 'self' ? 'Give up…' : 'Revoke…'}
                    </Button>
                  ) : null}
                </div>
                {item.state === 'failed' || item.state === 'retrying' ? (
                  <p className="basis-full text-sm text-red-700">{item.reason}</p>
                ) : null}
                {mode === 'self' && item.endsAt && item.canRelinquish ? (
                  <div className="basis-full">
                    {extending === `${item.grantId}:${item.entitlement.id}` ? (
                      <ExtendForm
                        grantId={item.grantId}
                        name={item.entitlement.name}
                        endsAt={item.endsAt}
                        onClose={() => setExtending(null)}
                      />
                    ) : (
                      <button
                        type="button"
                        onClick={() => setExtending(`${item.grantId}:${item.entitlement.id}`)}
                        className="text-sm font-medium text-brand-700 hover:underline"
                      >
                        Extend…
                      </button>
                    )}
                  </div>
                ) : null}
              </li>
            ))}
            {app.items.length === 0 ? (
              <li className="px-5 py-3 text-sm text-slate-500">An account with no access granted.</li>
            ) : null}
          </ul>
        </Card>
      ))}
      <ConfirmDialog
        open={confirming !== null}
        title={
          mode === 'self'
            ? `Give up ${confirming?.entitlement.name ?? ''}?`
            : `Revoke ${confirming?.entitlement.name ?? ''}${person ? ` from ${person}` : ''}?`
        }
        consequences={
          <>
            {confirming?.why.roleName ? (
              <p>
                It came with the role {confirming.why.roleName}: the whole role ends, with everything it
                brought.
              </p>
            ) : null}
            <p>
              {paused
                ? `Provisioning to ${paused} is paused: the access is removed when it is enabled again, and ${mode === 'self' ? 'you keep' : 'the person keeps'} it there until then.${mode === 'self' ? '' : ' The person is told now.'}`
                : mode === 'self'
                  ? 'It is removed from the application now.'
                  : 'It is removed from the application now, and the person is told.'}{' '}
              {mode === 'self'
                ? 'To have it again you request it again, and it goes through approval.'
                : 'To have it again they request it again, and it goes through approval.'}
            </p>
          </>
        }
        confirmLabel={mode === 'self' ? 'Give up' : 'Revoke'}
        reason={
          mode === 'team'
            ? { label: 'Why', hint: 'Recorded with the revocation and sent to the person.', required: true }
            : undefined
        }
        pending={revoke.isPending}
        error={revoke.error}
        onConfirm={(reason) =>
          confirming && revoke.mutate({ grantId: confirming.grantId, ...(reason ? { reason } : {}) })
        }
        onClose={() => setConfirming(null)}
      />
    </div>
  );
}
