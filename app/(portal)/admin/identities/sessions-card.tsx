'use client';

import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage, useTRPC } from '../../../_trpc/client.tsx';
import { Button } from '../../../_components/ui/button.tsx';
import { Card, Notice } from '../../../_components/ui/card.tsx';

/**
 * Identity admins sign a person out of every browser (a lost laptop, a cookie that leaked). Shown when
 * the server's viewer allows it: never on one's own record (signing out ends one's own sessions).
 */
export function SessionsCard({ person }: { person: { id: string; displayName: string } }) {
  const trpc = useTRPC();
  const [confirming, setConfirming] = useState(false);
  const end = useMutation(
    trpc.directory.endSessions.mutationOptions({ onSuccess: () => setConfirming(false) }),
  );
  return (
    <section aria-labelledby="sessions-heading" className="mt-5">
      <Card as="div" className="p-5">
        <h2 id="sessions-heading" className="font-semibold text-slate-900">
          Sessions
        </h2>
        <p className="mt-1 text-sm text-slate-500">
          Signs {person.displayName} out of Gatehouse in every browser at once. They can sign in again.
        </p>
        {end.error ? (
          <div className="mt-3">
            <Notice tone="error">{errorMessage(end.error)}</Notice>
          </div>
        ) : null}
        {end.isSuccess && !confirming ? (
          <p role="status" className="mt-3 text-sm text-slate-700">
            Every session of {person.displayName} has ended.
          </p>
        ) : null}
        <div className="mt-3 flex flex-wrap items-center gap-2">
          {confirming ? (
            <>
              <span className="text-sm text-slate-700">End every session of {person.displayName}?</span>
              <Button
                variant="danger"
                size="sm"
                disabled={end.isPending}
                onClick={() => end.mutate({ identityId: person.id })}
              >
                {end.isPending ? 'Ending…' : 'End sessions now'}
              </Button>
              <Button variant="ghost" size="sm" onClick={() => setConfirming(false)}>
                Cancel
              </Button>
            </>
          ) : (
            <Button variant="secondary" size="sm" onClick={() => (end.reset(), setConfirming(true))}>
              End all sessions…
            </Button>
          )}
        </div>
      </Card>
    </section>
  );
}
