'use client';

import type { IdentityStatus } from '@/prisma/generated/enums.ts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../../../_trpc/client.tsx';
import { Button } from '../../../_components/ui/button.tsx';
import { Card } from '../../../_components/ui/card.tsx';
import { QueryError } from '@/app/_components/ui/query-state.tsx';
import { Dialog } from '@/app/_components/ui/dialog.tsx';
import { Field, inputClass } from '@/app/_components/ui/field.tsx';
import { fieldError, serverFieldErrors } from '../_components/server-errors.ts';

type TAction = 'SUSPEND' | 'REACTIVATE' | 'TERMINATE';
type TStatus = IdentityStatus;

const ACTIONS: Record<
  TAction,
  { label: string; title: string; confirm: string; from: TStatus[]; consequences: (name: string) => string[] }
> = {
  SUSPEND: {
    label: 'Suspend…',
    title: 'Suspend',
    confirm: 'Suspend now',
    from: ['ACTIVE', 'PREHIRE'],
    consequences: (n) => [
      `${n} is signed out of Gatehouse at once and cannot sign in.`,
      'Their open approvals go to stand-ins.',
      'Their access stays as it is until they are reactivated or leave.',
    ],
  },
  REACTIVATE: {
    label: 'Reactivate…',
    title: 'Reactivate',
    confirm: 'Reactivate',
    from: ['SUSPENDED', 'TERMINATED'],
    consequences: (n) => [
      `${n} can sign in again.`,
      'An HR source that describes them decides their status again.',
      'A leaver comes back as a rehire: birthright access is planned afresh.',
    ],
  },
  TERMINATE: {
    label: 'Terminate now…',
    title: 'Terminate now',
    confirm: 'Terminate now',
    from: ['ACTIVE', 'PREHIRE', 'SUSPENDED'],
    consequences: (n) => [
      `Every session of ${n} ends at once.`,
      'Their pending requests are cancelled and every grant is revoked.',
      'Their accounts are disabled or deleted in every application (the directory account is locked).',
      'An HR file does not bring them back; only the identity team can.',
    ],
  },
};

/** The identity team's switches on a person: suspend, reactivate, and the kill switch, each with a reason. */
export function PersonStatusCard({
  person,
}: {
  person: { id: string; displayName: string; status: TStatus };
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [action, setAction] = useState<TAction | null>(null);
  const [reason, setReason] = useState('');
  const set = useMutation(
    trpc.directory.setStatus.mutationOptions({
      onSuccess: () => {
        setAction(null);
        void queryClient.invalidateQueries({
          queryKey: trpc.directory.get.queryKey({ identityId: person.id }),
        });
      },
    }),
  );
  const open = (a: TAction) => (set.reset(), setReason(''), setAction(a));
  const chosen = action ? ACTIONS[action] : null;
  const errors = serverFieldErrors(set.error);
  return (
    <section aria-labelledby="status-heading" className="mt-5">
      <Card as="div" className="p-5">
        <h2 id="status-heading" className="font-semibold text-slate-900">
          Status
        </h2>
        <p className="mt-1 text-sm text-slate-500">
          Suspend {person.displayName}, lift a suspension, or terminate them now when they must lose
          everything at once.
        </p>
        <div className="mt-3 flex flex-wrap gap-2">
          {(Object.keys(ACTIONS) as TAction[])
            .filter((a) => ACTIONS[a].from.includes(person.status))
            .map((a) => (
              <Button
                key={a}
                variant={a === 'TERMINATE' ? 'danger' : 'secondary'}
                size="sm"
                onClick={() => open(a)}
              >
                {ACTIONS[a].label}
              </Button>
            ))}
        </div>
        {set.isSuccess ? (
          <p role="status" className="mt-3 text-sm text-slate-700">
            {person.displayName} is now {set.data.status.toLowerCase()}.
          </p>
        ) : null}
      </Card>
      <Dialog
        open={chosen !== null}
        onClose={() => setAction(null)}
        title={chosen ? `${chosen.title}: ${person.displayName}` : ''}
      >
        {chosen && action ? (
          <form
            noValidate
            className="space-y-4"
            onSubmit={(e) => {
              e.preventDefault();
              set.mutate({ identityId: person.id, action, reason });
            }}
          >
            <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
              {chosen.consequences(person.displayName).map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
            <Field
              label="Reason"
              required
              hint="Kept in the audit trail."
              error={fieldError(errors, 'reason')}
            >
              <textarea
                className={inputClass}
                rows={3}
                maxLength={500}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
            </Field>
            {errors.reason ? null : <QueryError query={set} />}
            <div className="flex flex-wrap justify-end gap-2">
              <Button variant="ghost" onClick={() => setAction(null)}>
                Cancel
              </Button>
              <Button
                type="submit"
                variant={action === 'TERMINATE' ? 'danger' : 'primary'}
                disabled={set.isPending || !reason.trim()}
              >
                {set.isPending ? 'Working…' : chosen.confirm}
              </Button>
            </div>
          </form>
        ) : null}
      </Dialog>
    </section>
  );
}
