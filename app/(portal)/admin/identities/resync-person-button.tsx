'use client';

import { useMutation } from '@tanstack/react-query';
import { errorMessage, useTRPC } from '../../../_trpc/client.tsx';
import { Button } from '../../../_components/ui/button.tsx';
import { useCan } from '../../../_components/use-can.ts';

/** "Resync this person": read their accounts back from every target and re-apply what they should hold (identity team). */
export function ResyncPersonButton({ identityId }: { identityId: string }) {
  const trpc = useTRPC();
  const canManage = useCan('reconciliation.manage');
  const resync = useMutation(trpc.reconciliation.resyncPerson.mutationOptions());
  if (!canManage) return null;
  return (
    <div className="flex flex-col items-end gap-1 print:hidden">
      <Button
        variant="secondary"
        size="sm"
        onClick={() => resync.mutate({ identityId })}
        disabled={resync.isPending}
      >
        {resync.isPending ? 'Resyncing…' : 'Resync this person'}
      </Button>
      <span aria-live="polite" className="max-w-72 text-right text-xs">
        {resync.error ? (
          <span className="text-red-700">{errorMessage(resync.error)}</span>
        ) : resync.isSuccess ? (
          <span className="text-emerald-700">Resync started.</span>
        ) : null}
      </span>
    </div>
  );
}
