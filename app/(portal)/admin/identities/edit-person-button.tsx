'use client';

import { PROFILE_ATTRIBUTES, type TProfileAttribute } from '@/server/shared/identity-attributes.ts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../../../_trpc/client.tsx';
import { Button } from '../../../_components/ui/button.tsx';
import { QueryError } from '@/app/_components/ui/query-state.tsx';
import { Dialog } from '@/app/_components/ui/dialog.tsx';
import { serverFieldErrors } from '../_components/server-errors.ts';
import {
  PersonFields,
  serverField,
  toPersonFields,
  type TEmploymentType,
  type TPersonDraft,
  type TPersonField,
} from './person-fields.tsx';

type TPerson = {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  employmentType: string;
  manager: { id: string; displayName: string } | null;
  startDate: Date | null;
  endDate: Date | null;
  ownedBy: Record<string, string>;
} & Record<TProfileAttribute, string | null>;

// HR dates are calendar days stored at midnight UTC: the UTC day is the day.
const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '');

function draftOf(p: TPerson): TPersonDraft {
  return {
    firstName: p.firstName,
    lastName: p.lastName,
    email: p.email,
    employmentType: p.employmentType as TEmploymentType,
    ...(Object.fromEntries(PROFILE_ATTRIBUTES.map((a) => [a, p[a] ?? ''])) as Record<
      TProfileAttribute,
      string
    >),
    manager: p.manager,
    startDate: day(p.startDate),
    endDate: day(p.endDate),
  };
}

/** Edits what Gatehouse owns of a person; what an authoritative source owns is shown read-only with its name. */
export function EditPersonButton({ person, canEdit }: { person: TPerson; canEdit: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<TPersonDraft | null>(null);
  const edit = useMutation(
    trpc.directory.editPerson.mutationOptions({
      onSuccess: () => {
        setDraft(null);
        void queryClient.invalidateQueries({
          queryKey: trpc.directory.get.queryKey({ identityId: person.id }),
        });
      },
    }),
  );
  // The server says whether the caller may edit: not their own record, and only with identity.manage.
  if (!canEdit) return null;
  const errors = serverFieldErrors(edit.error);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!draft) return;
    // Only what changed is sent: what a source owns is never among it.
    const before = toPersonFields(draftOf(person));
    const after = toPersonFields(draft);
    const changes = Object.fromEntries(
      (Object.keys(after) as Array<keyof typeof after>)
        .filter((k) => after[k] !== before[k] && !person.ownedBy[k])
        .map((k) => [k, after[k]]),
    );
    if (Object.keys(changes).length === 0) return setDraft(null);
    edit.mutate({ identityId: person.id, changes });
  };
  const owned = (Object.keys(draftOf(person)) as TPersonField[]).filter(
    (f) => person.ownedBy[serverField(f)],
  );
  return (
    <>
      <Button variant="secondary" size="sm" onClick={() => (edit.reset(), setDraft(draftOf(person)))}>
        Edit attributes…
      </Button>
      <Dialog
        open={draft !== null}
        onClose={() => setDraft(null)}
        size="lg"
        title="Edit attributes"
        description={
          owned.length
            ? 'Greyed-out fields come from an authoritative source and change there.'
            : 'No authoritative source describes this person: every field is Gatehouse’s.'
        }
      >
        {draft ? (
          <form onSubmit={submit} noValidate className="space-y-4">
            <PersonFields draft={draft} onChange={setDraft} errors={errors} ownedBy={person.ownedBy} />
            {Object.keys(errors).length === 0 ? <QueryError query={edit} /> : null}
            <div className="flex justify-end gap-2">
              <Button variant="ghost" onClick={() => setDraft(null)}>
                Cancel
              </Button>
              <Button type="submit" disabled={edit.isPending}>
                {edit.isPending ? 'Saving…' : 'Save'}
              </Button>
            </div>
          </form>
        ) : null}
      </Dialog>
    </>
  );
}
