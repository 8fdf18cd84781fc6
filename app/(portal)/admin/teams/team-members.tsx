'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { TGetTeamOutput } from '@/server/trpc/routers/teams/teams.schema.ts';
import { useTRPC } from '../../../_trpc/client.tsx';
import { Badge } from '../../../_components/ui/badge.tsx';
import { Button } from '../../../_components/ui/button.tsx';
import { Card } from '../../../_components/ui/card.tsx';
import { countOf } from '../../../_components/ui/format.ts';
import { QueryError } from '../../../_components/ui/query-state.tsx';
import { ConfirmDialog } from '@/app/_components/ui/confirm-dialog.tsx';
import { Field } from '@/app/_components/ui/field.tsx';
import { PeoplePicker, type TPerson } from '../_components/people-picker.tsx';

/** The team's people: add from the staff directory, remove after a confirmation. */
export function TeamMembers({
  teamId,
  members,
  canManage,
}: {
  teamId: string;
  members: TGetTeamOutput['members'];
  canManage: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [person, setPerson] = useState<TPerson | null>(null);
  const [confirming, setConfirming] = useState<TGetTeamOutput['members'][number] | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.teams.pathKey() });
  const add = useMutation(
    trpc.teams.addMember.mutationOptions({ onSuccess: () => (setPerson(null), refresh()) }),
  );
  const remove = useMutation(
    trpc.teams.removeMember.mutationOptions({ onSuccess: () => (setConfirming(null), refresh()) }),
  );
  return (
    <Card className="min-w-0 p-4">
      <h2 className="mb-3 font-semibold text-slate-900">
        Members · {countOf(members.length, 'person', 'people')}
      </h2>
      {canManage ? (
        <form
          className="mb-3 flex flex-col gap-2 sm:flex-row sm:items-end"
          onSubmit={(e) => {
            e.preventDefault();
            if (person) add.mutate({ teamId, identityId: person.id });
          }}
        >
          <Field label="Add a person" className="min-w-0 flex-1">
            <PeoplePicker
              value={person}
              onChange={(p) => (setPerson(p), add.reset())}
              placeholder="Search by name…"
              clearLabel="Clear the person"
            />
          </Field>
          <Button type="submit" disabled={!person || add.isPending}>
            Add to team
          </Button>
        </form>
      ) : null}
      <QueryError query={add} />
      {members.length === 0 ? (
        <p className="text-sm text-slate-600">
          Nobody yet. A team with nobody in it cannot approve or fulfil anything.
        </p>
      ) : null}
      <ul className="divide-y divide-slate-100" aria-label="Members">
        {members.map((m) => (
          // The button keeps its place at the right; a long title wraps in its own column instead of
          // pushing "Remove…" under the name.
          <li key={m.id} className="flex items-center justify-between gap-3 py-2">
            <div className="min-w-0 flex-1">
              <p className="font-medium break-words text-slate-900">
                {m.displayName}{' '}
                {m.status !== 'ACTIVE' ? <Badge tone="amber">{m.status.toLowerCase()}</Badge> : null}
              </p>
              <p className="text-xs break-words text-slate-500">
                {[m.title, m.department].filter(Boolean).join(' · ')}
              </p>
            </div>
            {canManage ? (
              <Button
                variant="secondary"
                size="sm"
                className="shrink-0"
                onClick={() => (remove.reset(), setConfirming(m))}
                aria-label={`Remove ${m.displayName}…`}
              >
                Remove…
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={confirming !== null}
        title={`Remove ${confirming?.displayName ?? ''} from the team?`}
        consequences="They leave it now, on the record. What the team is asked to approve or fulfil no longer reaches them."
        confirmLabel="Remove from team"
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() => confirming && remove.mutate({ teamId, identityId: confirming.id })}
        onClose={() => setConfirming(null)}
      />
    </Card>
  );
}
