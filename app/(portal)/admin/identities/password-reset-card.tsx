'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../../../_trpc/client.tsx';
import { Button } from '../../../_components/ui/button.tsx';
import { Card } from '../../../_components/ui/card.tsx';
import { ConfirmDialog } from '../../../_components/ui/confirm-dialog.tsx';
import { QueryError } from '../../../_components/ui/query-state.tsx';

type TAccount = { application: { id: string; name: string }; username: string };

/**
 * The identity team makes a person choose a new directory password at their next sign-in (a password
 * that may have leaked), per account whose application supports it, with a reason for the record.
 * Shown when the server's viewer allows it: one's own password is changed from My access.
 */
export function PasswordResetCard({ person }: { person: { id: string; displayName: string } }) {
  const trpc = useTRPC();
  const accounts = useQuery(trpc.directory.passwordAccounts.queryOptions({ identityId: person.id }));
  const [confirming, setConfirming] = useState<TAccount | null>(null);
  const [done, setDone] = useState<{ account: TAccount; outcome: 'applied' | 'noop' } | null>(null);
  const force = useMutation(
    trpc.directory.forcePasswordReset.mutationOptions({
      onSuccess: (result, input) => {
        const account = accounts.data?.find((a) => a.application.id === input.applicationId);
        if (account) setDone({ account, outcome: result.outcome });
        setConfirming(null);
      },
    }),
  );
  const resettable = accounts.data?.filter((a) => a.canForceReset) ?? [];
  if (accounts.isSuccess && resettable.length === 0) return null;
  return (
    <section aria-labelledby="passwords-heading" className="mt-5">
      <Card as="div" className="p-5">
        <h2 id="passwords-heading" className="font-semibold text-slate-900">
          Passwords
        </h2>
        <p className="mt-1 text-sm text-slate-500">
          Makes {person.displayName} choose a new password for a directory account the next time they sign in
          to it. Their current password only lets them set a new one.
        </p>
        <QueryError query={accounts} />
        <ul className="mt-3 space-y-2">
          {resettable.map((a) => (
            <li key={a.application.id} className="flex flex-wrap items-center gap-x-3 gap-y-2">
              <span className="min-w-0 text-sm break-words">
                <span className="font-medium text-slate-900">{a.application.name}</span>{' '}
                <code className="font-mono text-xs text-slate-600">{a.username}</code>
              </span>
              <Button
                variant="secondary"
                size="sm"
                onClick={() => (force.reset(), setDone(null), setConfirming(a))}
              >
                Force password reset at next sign-in…
              </Button>
            </li>
          ))}
        </ul>
        {done ? (
          <p role="status" className="mt-3 text-sm text-slate-700">
            {done.outcome === 'noop'
              ? `${person.displayName} was already asked for a new password in ${done.account.application.name}.`
              : `${person.displayName} must choose a new password in ${done.account.application.name} at their next sign-in.`}
          </p>
        ) : null}
      </Card>
      <ConfirmDialog
        open={confirming !== null}
        title={confirming ? `Force a password reset in ${confirming.application.name}?` : ''}
        consequences={
          <>
            <p>
              The next time {person.displayName} signs in to {confirming?.application.name ?? 'it'}, their
              current password lets them do nothing but choose a new one.
            </p>
            <p>
              Gatehouse does not see or set a password: they choose it themselves, under the directory’s
              rules.
            </p>
          </>
        }
        confirmLabel="Force reset"
        cancelLabel="Cancel"
        tone="primary"
        reason={{ label: 'Reason', hint: 'Kept in the audit trail.', required: true }}
        pending={force.isPending}
        error={force.error}
        onConfirm={(reason) =>
          confirming &&
          force.mutate({ identityId: person.id, applicationId: confirming.application.id, reason })
        }
        onClose={() => setConfirming(null)}
      />
    </section>
  );
}
