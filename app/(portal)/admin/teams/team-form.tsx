'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  suggestTeamKey,
  TEAM_PURPOSE_LABEL,
  TEAM_PURPOSES,
  type TTeamPurpose,
} from '@/server/shared/team-key.ts';
import { QueryError } from '@/app/_components/ui/query-state.tsx';
import { useTRPC } from '../../../_trpc/client.tsx';
import { Button } from '../../../_components/ui/button.tsx';
import { Field, inputClass, selectClass } from '@/app/_components/ui/field.tsx';
import { fieldError, serverFieldErrors } from '../_components/server-errors.ts';

export type TTeamDraft = {
  id?: string;
  key: string;
  name: string;
  description: string;
  purpose: TTeamPurpose;
};

/**
 * Creates a team (the key follows the name until edited by hand) or edits one. The key is fixed once
 * the team exists: approval policies name the team by it.
 */
export function TeamForm({
  team,
  onDone,
  onCancel,
}: {
  team: TTeamDraft | null;
  onDone: (id: string) => void;
  onCancel: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<TTeamDraft>(
    team ?? { key: '', name: '', description: '', purpose: 'APPROVERS' },
  );
  const [keyEdited, setKeyEdited] = useState(false);
  const done = ({ id }: { id: string }) => {
    void queryClient.invalidateQueries({ queryKey: trpc.teams.pathKey() });
    onDone(id);
  };
  const create = useMutation(trpc.teams.create.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.teams.update.mutationOptions({ onSuccess: done }));
  const saving = team?.id ? update : create;
  const errors = serverFieldErrors(saving.error);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const fields = { name: draft.name, description: draft.description, purpose: draft.purpose };
    if (team?.id) update.mutate({ id: team.id, ...fields });
    else create.mutate({ key: draft.key, ...fields });
  };
  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <Field label="Name" required error={fieldError(errors, 'name')}>
        <input
          className={inputClass}
          value={draft.name}
          maxLength={120}
          onChange={(e) =>
            setDraft({
              ...draft,
              name: e.target.value,
              key: team?.id || keyEdited ? draft.key : suggestTeamKey(e.target.value),
            })
          }
        />
      </Field>
      <Field
        label="Key"
        required
        hint={
          team?.id
            ? 'Fixed: approval policies name the team by its key.'
            : 'Lower-case letters, digits and dashes. Policies name the team by it, so it cannot change later.'
        }
        error={fieldError(errors, 'key')}
      >
        <input
          className={`${inputClass} font-mono`}
          value={draft.key}
          maxLength={63}
          disabled={Boolean(team?.id)}
          onChange={(e) => (setKeyEdited(true), setDraft({ ...draft, key: e.target.value }))}
        />
      </Field>
      <Field label="Purpose" error={fieldError(errors, 'purpose')}>
        <select
          className={`${selectClass} w-full`}
          value={draft.purpose}
          onChange={(e) => setDraft({ ...draft, purpose: e.target.value as TTeamPurpose })}
        >
          {TEAM_PURPOSES.map((p) => (
            <option key={p} value={p}>
              {TEAM_PURPOSE_LABEL[p]}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Description" error={fieldError(errors, 'description')}>
        <textarea
          className={inputClass}
          rows={3}
          maxLength={1000}
          value={draft.description}
          onChange={(e) => setDraft({ ...draft, description: e.target.value })}
        />
      </Field>
      {Object.keys(errors).length === 0 ? <QueryError query={saving} /> : null}
      <div className="flex justify-end gap-2">
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" disabled={saving.isPending}>
          {team?.id ? 'Save team' : 'Create team'}
        </Button>
      </div>
    </form>
  );
}
