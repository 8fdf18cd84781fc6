'use client';

import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage, useTRPC } from '../../../_trpc/client.tsx';
import { Button } from '../../../_components/ui/button.tsx';
import { Notice } from '../../../_components/ui/card.tsx';
import { Field, inputClass } from '@/app/_components/ui/field.tsx';

/**
 * An adoption waiting for the entitlement owner (reconciliation.approveAdoption / denyAdoption):
 * approve makes the grant; deny, with a reason, puts the finding back in the queue.
 */
export function AdoptionApproval({
  findingId,
  decidedBy,
  reason,
  onDone,
}: {
  findingId: string;
  decidedBy: string | null;
  reason: string | null;
  onDone: (message: string) => void;
}) {
  const trpc = useTRPC();
  const [denying, setDenying] = useState(false);
  const [why, setWhy] = useState('');
  const approve = useMutation(
    trpc.reconciliation.approveAdoption.mutationOptions({
      onSuccess: () => onDone('Adopted: the access is now a grant.'),
    }),
  );
  const deny = useMutation(
    trpc.reconciliation.denyAdoption.mutationOptions({
      onSuccess: () => onDone('Adoption denied: the finding waits for a decision again.'),
    }),
  );
  const error = approve.error ?? deny.error;
  const busy = approve.isPending || deny.isPending;
  return (
    <div className="space-y-3">
      <p className="text-sm break-words text-slate-700">
        {decidedBy ? `${decidedBy} decided to adopt this access` : 'Adopting this access was decided'}
        {reason ? `: “${reason}”` : ''}. It becomes a grant once you approve.
      </p>
      {denying ? (
        <form
          noValidate
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            if (why.trim()) deny.mutate({ findingId, reason: why.trim() });
          }}
        >
          <Field label="Why not" required hint="The finding goes back to the queue for another decision.">
            <input
              className={inputClass}
              value={why}
              maxLength={1000}
              onChange={(e) => setWhy(e.target.value)}
            />
          </Field>
          <div className="flex flex-wrap gap-2">
            <Button type="submit" variant="danger" disabled={busy || !why.trim()}>
              Deny adoption
            </Button>
            <Button variant="ghost" onClick={() => setDenying(false)}>
              Cancel
            </Button>
          </div>
        </form>
      ) : (
        <div className="flex flex-wrap gap-2">
          <Button onClick={() => approve.mutate({ findingId })} disabled={busy}>
            Approve adoption
          </Button>
          <Button variant="secondary" onClick={() => setDenying(true)} disabled={busy}>
            Deny…
          </Button>
        </div>
      )}
      {error ? <Notice tone="error">Not done: {errorMessage(error)}</Notice> : null}
    </div>
  );
}
