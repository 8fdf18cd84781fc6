'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { TRPCClientError } from '@trpc/client';
import { useState } from 'react';
import { useTRPC } from '../../../_trpc/client.tsx';
import { Button } from '../../../_components/ui/button.tsx';
import { Combobox } from '../../../_components/ui/combobox.tsx';
import { dayFromNow, endOfUtcDay } from '../../../_components/ui/days.ts';
import { QueryError } from '@/app/_components/ui/query-state.tsx';
import { Dialog } from '@/app/_components/ui/dialog.tsx';
import { DateField } from '@/app/_components/ui/date-field.tsx';
import { Field } from '@/app/_components/ui/field.tsx';
import { TextArea } from '@/app/_components/ui/text-field.tsx';
import { fieldError, serverFieldErrors } from '../_components/server-errors.ts';

type TItem = { kind: 'ENTITLEMENT' | 'ROLE'; id: string; name: string; application: string | null };

const needsControl = (error: unknown) =>
  error instanceof TRPCClientError &&
  (error.data as { appCode?: string } | undefined)?.appCode === 'SOD_MITIGATION_REQUIRED';

/**
 * A direct grant (source ADMIN): an entitlement or a role, a reason, and an optional last day in the
 * admin's own calendar. SoD decides as on every path: a blocking rule refuses with its name; one a
 * control can mitigate asks for the control and its expiry.
 */
export function GrantAccessDialog({
  person,
  open,
  onClose,
}: {
  person: { id: string; displayName: string };
  open: boolean;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const items = useQuery({ ...trpc.directory.grantableItems.queryOptions(), enabled: open });
  const [query, setQuery] = useState('');
  const [item, setItem] = useState<TItem | null>(null);
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState('');
  const [control, setControl] = useState('');
  const [controlUntil, setControlUntil] = useState(dayFromNow(90));
  const [askControl, setAskControl] = useState(false);
  const grant = useMutation(
    trpc.directory.grantAccess.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries({
          queryKey: trpc.directory.get.queryKey({ identityId: person.id }),
        });
        close();
      },
      // A rule a control can mitigate: ask for the control, then grant with it.
      onError: (error) => {
        if (needsControl(error)) setAskControl(true);
      },
    }),
  );
  function close() {
    setItem(null);
    setReason('');
    setUntil('');
    setControl('');
    setAskControl(false);
    grant.reset();
    onClose();
  }
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const options = (items.data ?? [])
    .filter((i) => words.every((w) => `${i.name} ${i.application ?? 'role'}`.toLowerCase().includes(w)))
    .slice(0, 20)
    .map((i) => ({ id: i.id, label: i.name, detail: i.application ?? 'Business role' }));
  const errors = serverFieldErrors(grant.error);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!item) return;
    grant.mutate({
      identityId: person.id,
      item: { kind: item.kind, id: item.id },
      reason,
      endsAt: until ? endOfUtcDay(until) : null,
      mitigation:
        askControl && control.trim()
          ? { control: control.trim(), expiresAt: endOfUtcDay(controlUntil) }
          : undefined,
    });
  };
  return (
    <Dialog
      open={open}
      onClose={close}
      title={`Grant access to ${person.displayName}`}
      description="Granted directly by the identity team, checked against segregation of duties like any request."
    >
      <form onSubmit={submit} noValidate className="space-y-4">
        <Field label="Entitlement or role" required error={fieldError(errors, 'item')}>
          <Combobox
            value={item ? { id: item.id, label: item.name } : null}
            onChange={(o) => setItem(o ? ((items.data ?? []).find((i) => i.id === o.id) ?? null) : null)}
            options={options}
            searching={items.isPending}
            searched={items.isFetched}
            onSearch={(q) => setQuery(q)}
            placeholder="Search entitlements and roles…"
            nothingFound="Nothing matches"
          />
        </Field>
        <TextArea
          label="Reason"
          required
          hint="Kept in the audit trail."
          error={fieldError(errors, 'reason')}
          rows={2}
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        <DateField
          label="Until (optional)"
          hint="The access ends at the end of that day, UTC."
          error={fieldError(errors, 'endsAt')}
          min={dayFromNow(0)}
          value={until}
          onChange={setUntil}
        />
        {askControl ? (
          <fieldset className="space-y-3 rounded-md border border-amber-300 bg-amber-50 p-3">
            <legend className="px-1 text-sm font-medium text-slate-800">Mitigating control</legend>
            <TextArea
              label="What control covers the conflict"
              required
              error={fieldError(errors, 'mitigation')}
              rows={2}
              maxLength={500}
              value={control}
              onChange={(e) => setControl(e.target.value)}
            />
            <DateField
              label="Control expires"
              required
              min={dayFromNow(1)}
              value={controlUntil}
              onChange={setControlUntil}
            />
          </fieldset>
        ) : null}
        {Object.keys(errors).length === 0 ? <QueryError query={grant} /> : null}
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="ghost" onClick={close}>
            Cancel
          </Button>
          <Button
            type="submit"
            disabled={grant.isPending || !item || !reason.trim() || (askControl && !control.trim())}
          >
            {grant.isPending ? 'Granting…' : askControl ? 'Grant with this control' : 'Grant'}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
