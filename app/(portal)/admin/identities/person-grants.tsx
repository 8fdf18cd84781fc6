'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../../../_trpc/client.tsx';
import { Button } from '../../../_components/ui/button.tsx';
import { formatDate } from '../../../_components/ui/format.ts';
import { QueryError } from '@/app/_components/ui/query-state.tsx';
import { Dialog } from '@/app/_components/ui/dialog.tsx';
import { Field, inputClass } from '@/app/_components/ui/field.tsx';
import { fieldError, serverFieldErrors } from '../_components/server-errors.ts';
import { GrantAccessDialog } from './grant-access-dialog.tsx';
import { SentenceText } from '@/app/_components/ui/day-text.tsx';

type TGrant = {
  id: string;
  source: string;
  name: string;
  application: string | null;
  /** The disabled applications it reaches (the server says): its removal there waits for them. */
  pausedApplications: string[];
  endsAt: Date | null;
};

const SOURCE_LABEL: Record<string, string> = {
  REQUEST: 'request',
  BIRTHRIGHT: 'birthright',
  ADMIN: 'granted directly',
  RECONCILIATION: 'reconciliation',
  SEED: 'demo',
};

/**
 * A person's grants in force. The identity team grants directly and revokes any grant but birthright
 * (that follows its rule), always with a reason; nobody does either to themselves here.
 */
export function PersonGrants({
  person,
  grants,
  canGrant,
  canRevoke,
}: {
  person: { id: string; displayName: string };
  grants: TGrant[];
  /** The server's verdicts (directory.get's viewer): never on the caller's own record. */
  canGrant: boolean;
  canRevoke: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [granting, setGranting] = useState(false);
  const [revoking, setRevoking] = useState<TGrant | null>(null);
  const [reason, setReason] = useState('');
  const revoke = useMutation(
    trpc.directory.revokeGrant.mutationOptions({
      onSuccess: () => {
        setRevoking(null);
        void queryClient.invalidateQueries({
          queryKey: trpc.directory.get.queryKey({ identityId: person.id }),
        });
      },
    }),
  );
  const errors = serverFieldErrors(revoke.error);
  return (
    <>
      <div className="mt-4 flex flex-wrap items-center justify-between gap-2">
        <h3 className="text-sm font-medium text-slate-700">Grants in force</h3>
        {canGrant ? (
          <Button variant="secondary" size="sm" onClick={() => setGranting(true)}>
            Grant access…
          </Button>
        ) : null}
      </div>
      {grants.length === 0 ? <p className="text-sm text-slate-500">None.</p> : null}
      <ul className="mt-1 divide-y divide-slate-100 text-sm" aria-label="Grants in force">
        {grants.map((g) => (
          <li key={g.id} className="flex flex-wrap items-center justify-between gap-2 py-1.5">
            <span className="min-w-0 break-words text-slate-800">
              {g.name}
              <span className="text-xs text-slate-500">
                {' '}
                · {g.application ?? 'role'} · {SOURCE_LABEL[g.source] ?? g.source.toLowerCase()}
                {g.endsAt ? <SentenceText text={` · until ${formatDate(g.endsAt)}`} /> : ''}
              </span>
            </span>
            {canRevoke && g.source !== 'BIRTHRIGHT' ? (
              <Button
                variant="ghost"
                size="sm"
                aria-label={`Revoke ${g.name}`}
                onClick={() => (revoke.reset(), setReason(''), setRevoking(g))}
              >
                Revoke…
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      <GrantAccessDialog person={person} open={granting} onClose={() => setGranting(false)} />
      <Dialog
        open={revoking !== null}
        onClose={() => setRevoking(null)}
        title={revoking ? `Revoke ${revoking.name}` : ''}
        description={
          revoking?.pausedApplications.length
            ? `Provisioning to ${revoking.pausedApplications.join(', ')} is paused: the access is removed there when it is enabled again. Until then ${person.displayName} keeps it in the application.`
            : `${person.displayName} loses this access at once: it is removed from the application through provisioning.`
        }
      >
        {revoking ? (
          <form
            noValidate
            className="space-y-4"
            onSubmit={(e) => {
              e.preventDefault();
              revoke.mutate({ grantId: revoking.id, reason });
            }}
          >
            <Field
              label="Reason"
              required
              hint="Kept in the audit trail and told to the person."
              error={fieldError(errors, 'reason')}
            >
              <textarea
                className={inputClass}
                rows={2}
                maxLength={500}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
            </Field>
            {errors.reason ? null : <QueryError query={revoke} />}
            <div className="flex flex-wrap justify-end gap-2">
              <Button variant="ghost" onClick={() => setRevoking(null)}>
                Cancel
              </Button>
              <Button type="submit" variant="danger" disabled={revoke.isPending || !reason.trim()}>
                {revoke.isPending ? 'Revoking…' : 'Revoke'}
              </Button>
            </div>
          </form>
        ) : null}
      </Dialog>
    </>
  );
}
