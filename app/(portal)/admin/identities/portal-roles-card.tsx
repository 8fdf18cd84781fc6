'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage, useTRPC } from '../../../_trpc/client.tsx';
import { Button } from '../../../_components/ui/button.tsx';
import { Card, Notice } from '../../../_components/ui/card.tsx';
import { useCan } from '@/app/_components/use-can.ts';

type TRole = 'IDENTITY_ADMIN' | 'AUDITOR' | 'SECURITY_OFFICER';

const ROLES: Array<{ role: TRole; label: string; what: string }> = [
  {
    role: 'IDENTITY_ADMIN',
    label: 'Identity admin',
    what: 'Applications, catalog, rules, sources and provisioning; requests for anyone.',
  },
  {
    role: 'AUDITOR',
    label: 'Auditor',
    what: 'Reads everyone’s access, the audit trail and reports; changes nothing.',
  },
  {
    role: 'SECURITY_OFFICER',
    label: 'Security officer',
    what: 'Reviews SoD violations and records mitigating controls.',
  },
];

/** The granted portal roles of one person; identity admins change them, everyone else reads them. */
export function PortalRolesCard({
  person,
}: {
  person: {
    id: string;
    status: string;
    portalRoles: TRole[];
    lockedRoles: Array<{ role: TRole; reason: string }>;
  };
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const canManageRoles = useCan('admin.portalRoles.manage');
  const [draft, setDraft] = useState<TRole[] | null>(null);
  const chosen = draft ?? person.portalRoles;
  const save = useMutation(
    trpc.directory.setPortalRoles.mutationOptions({
      onSuccess: async () => {
        setDraft(null);
        await queryClient.invalidateQueries({
          queryKey: trpc.directory.get.queryKey({ identityId: person.id }),
        });
      },
    }),
  );
  const canEdit = canManageRoles && person.status !== 'TERMINATED';
  const changed = draft !== null && [...draft].sort().join() !== [...person.portalRoles].sort().join();
  // The server says which roles this caller may not switch (their own record, the IdP's groups).
  const lockedReason = (role: TRole): string | null =>
    person.lockedRoles.find((l) => l.role === role)?.reason ?? null;
  return (
    <section aria-labelledby="portal-roles-heading" className="mt-5">
      <Card as="div" className="p-5">
        <h2 id="portal-roles-heading" className="font-semibold text-slate-900">
          Portal roles
        </h2>
        <p className="mt-1 text-sm text-slate-500">
          Everyone is an employee, and a person with reports is a manager. These roles are granted.
        </p>
        <fieldset className="mt-3 space-y-2" disabled={!canEdit || save.isPending}>
          <legend className="sr-only">Portal roles</legend>
          {ROLES.map(({ role, label, what }) => {
            const locked = lockedReason(role);
            return (
              <label
                key={role}
                className="flex items-start gap-3 rounded-md border border-slate-200 p-3 text-sm has-[:checked]:border-brand-600/40 has-[:checked]:bg-brand-50/40"
              >
                <input
                  type="checkbox"
                  className="mt-0.5 h-4 w-4 rounded border-slate-300 text-brand-600"
                  checked={chosen.includes(role)}
                  disabled={Boolean(locked)}
                  onChange={(e) =>
                    setDraft(e.target.checked ? [...chosen, role] : chosen.filter((r) => r !== role))
                  }
                />
                <span>
                  <span className="block font-medium text-slate-900">{label}</span>
                  <span className="block text-slate-600">{what}</span>
                  {locked ? <span className="mt-0.5 block text-xs text-slate-500">{locked}</span> : null}
                </span>
              </label>
            );
          })}
        </fieldset>
        {save.error ? (
          <div className="mt-3">
            <Notice tone="error">{errorMessage(save.error)}</Notice>
          </div>
        ) : null}
        {canEdit ? (
          <div className="mt-3 flex gap-2">
            <Button
              onClick={() => save.mutate({ identityId: person.id, roles: chosen })}
              disabled={!changed || save.isPending}
            >
              {save.isPending ? 'Saving…' : 'Save roles'}
            </Button>
            {changed ? (
              <Button variant="ghost" onClick={() => setDraft(null)}>
                Undo
              </Button>
            ) : null}
          </div>
        ) : null}
      </Card>
    </section>
  );
}
