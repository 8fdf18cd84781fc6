'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useTRPC } from '../../../_trpc/client.tsx';
import { Button } from '../../../_components/ui/button.tsx';
import { Card, Notice, PageHeader } from '../../../_components/ui/card.tsx';
import { useCan } from '../../../_components/use-can.ts';
import { QueryError } from '@/app/_components/ui/query-state.tsx';
import { Field, inputClass } from '@/app/_components/ui/field.tsx';
import { fieldError, serverFieldErrors } from '../_components/server-errors.ts';
import { emptyProfile, PersonFields, toPersonFields, type TPersonDraft } from './person-fields.tsx';

const EMPTY: TPersonDraft = {
  firstName: '',
  lastName: '',
  email: '',
  employmentType: 'CONTRACTOR',
  ...emptyProfile(),
  manager: null,
  startDate: '',
  endDate: '',
};

/** The username Gatehouse would suggest: the email's local part, as a sign-in would take it. */
const suggestUsername = (d: TPersonDraft) =>
  (d.email.includes('@') ? d.email.split('@')[0]! : [d.firstName, d.lastName].filter(Boolean).join('.'))
    .toLowerCase()
    .replace(/[^a-z0-9._-]/g, '');

/** Adds a person no HR source knows: a contractor, a service owner. Birthright applies at once. */
export function CreatePersonForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<TPersonDraft>(EMPTY);
  const [username, setUsername] = useState<string | null>(null);
  const create = useMutation(
    trpc.directory.createPerson.mutationOptions({
      onSuccess: ({ identityId }) => {
        void queryClient.invalidateQueries({ queryKey: trpc.directory.list.pathKey() });
        router.push(`/admin/identities/${identityId}`);
      },
    }),
  );
  const canAdd = useCan('identity.manage');
  const errors = serverFieldErrors(create.error);
  if (!canAdd) return <Notice>Only the identity team adds people by hand.</Notice>;
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    create.mutate({ ...toPersonFields(draft), username: (username ?? suggestUsername(draft)) || null });
  };
  return (
    <>
      <PageHeader
        title="Add a person"
        description="For someone no HR source knows, such as a contractor or a service owner. Their birthright access is planned as soon as they are added."
      />
      <Card className="p-5">
        <form onSubmit={submit} noValidate className="space-y-4">
          <PersonFields draft={draft} onChange={setDraft} errors={errors} />
          <Field
            label="Username"
            hint="Suggested from the email; a number is added if someone has it already."
            error={fieldError(errors, 'username')}
          >
            <input
              className={`${inputClass} font-mono sm:max-w-xs`}
              value={username ?? suggestUsername(draft)}
              maxLength={128}
              onChange={(e) => setUsername(e.target.value)}
            />
          </Field>
          {Object.keys(errors).length === 0 ? <QueryError query={create} /> : null}
          <div className="flex justify-end gap-2">
            <Button variant="ghost" onClick={() => router.push('/admin/identities')}>
              Cancel
            </Button>
            <Button type="submit" disabled={create.isPending}>
              {create.isPending ? 'Adding…' : 'Add person'}
            </Button>
          </div>
        </form>
      </Card>
    </>
  );
}
