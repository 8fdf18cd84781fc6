'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../../../_trpc/client.tsx';
import { Button } from '../../../_components/ui/button.tsx';
import { Card } from '../../../_components/ui/card.tsx';
import { formatInstant } from '../../../_components/ui/format.ts';
import { errorMessage } from '@/app/_trpc/client.tsx';

const TRIGGERS: Record<string, string> = {
  SCHEDULE: 'the daily check',
  MANUAL: 'a person',
  CLI: 'npm run audit:verify',
};

/**
 * The audit chain's last verification (docs/decisions/051) and a button to verify it now: whether the
 * log is intact, how much was checked and when, and where the first break is when it is not.
 */
export function AuditVerificationCard() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const last = useQuery(trpc.audit.lastVerification.queryOptions());
  const verify = useMutation(
    trpc.audit.verifyNow.mutationOptions({
      onSuccess: (result) => queryClient.setQueryData(trpc.audit.lastVerification.queryKey(), result),
    }),
  );
  const v = last.data;
  if (last.isPending) return null;

  return (
    <Card className="mb-4 flex flex-wrap items-center justify-between gap-3 p-4">
      <div role="status" aria-label="Audit chain verification" className="min-w-0 text-sm">
        {last.isError ? (
          <p className="text-red-700">
            The last verification could not be loaded: {errorMessage(last.error)}
          </p>
        ) : !v ? (
          <p className="text-slate-700">The audit trail’s hash chain has not been verified yet.</p>
        ) : (
          <>
            <p className={`font-medium ${v.ok ? 'text-emerald-800' : 'text-red-700'}`}>
              {v.ok ? 'The audit trail is intact' : 'The audit trail does not verify'}
            </p>
            <p className="break-words text-slate-600">
              Checked <span className="whitespace-nowrap">{formatInstant(v.verifiedAt)}</span> by{' '}
              {TRIGGERS[v.trigger] ?? v.trigger}: {v.checkedSeals.toLocaleString('en')} sealed events
              {v.unsealedEvents ? `, ${v.unsealedEvents.toLocaleString('en')} waiting to be sealed` : ''}
              {v.head ? `; head seal ${v.head.seq}, sha256 ${v.head.hash.slice(0, 12)}…` : ''}.
            </p>
            {v.firstBreak ? (
              <p className="break-words text-red-700">
                First break{v.firstBreak.seq ? ` at seal ${v.firstBreak.seq}` : ''}
                {v.firstBreak.eventId ? ` (event ${v.firstBreak.eventId})` : ''}: {v.firstBreak.detail}
              </p>
            ) : null}
          </>
        )}
        {verify.isError ? <p className="text-red-700">{errorMessage(verify.error)}</p> : null}
      </div>
      <Button
        variant="secondary"
        size="sm"
        onClick={() => verify.mutate()}
        disabled={verify.isPending}
        className="print:hidden"
      >
        {verify.isPending ? 'Checking…' : 'Verify now'}
      </Button>
    </Card>
  );
}
