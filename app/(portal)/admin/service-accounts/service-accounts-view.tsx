'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../../../_trpc/client.tsx';
import { Card, EmptyState, Notice, PageHeader, Spinner } from '@/app/_components/ui/card.tsx';
import { ConfirmDialog } from '@/app/_components/ui/confirm-dialog.tsx';
import type { ColumnDef } from '@/app/_components/ui/data-table.tsx';
import { Select } from '@/app/_components/ui/text-field.tsx';
import { QueryError } from '@/app/_components/ui/query-state.tsx';
import { NewTokenForm, emptyToken, useNewToken } from '../../settings/api-tokens/token-form.tsx';
import { TokenSecret } from '../../settings/api-tokens/token-secret.tsx';
import { TokensTable, type TTokenRow } from '../../settings/api-tokens/tokens-table.tsx';

type TServiceAccount = TTokenRow & {
  team: { id: string; name: string };
  sponsor: { id: string; displayName: string };
};

const ownerColumns: ColumnDef<TServiceAccount, unknown>[] = [
  {
    id: 'team',
    header: 'Team',
    accessorFn: (s) => s.team.name,
    enableSorting: true,
    cell: ({ row: { original: s } }) => (
      <>
        <span className="break-words">{s.team.name}</span>
        <span className="block text-xs text-slate-500">acts as {s.sponsor.displayName}</span>
      </>
    ),
  },
];

/** Teams' service accounts: tokens for automation that act as the team member who created them. */
export function ServiceAccountsView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const accounts = useQuery(trpc.serviceAccounts.list.queryOptions());
  const teams = useQuery(trpc.serviceAccounts.teams.queryOptions());
  const [draft, setDraft] = useNewToken();
  const [chosenTeam, setTeam] = useState('');
  const teamId = chosenTeam || teams.data?.[0]?.id || '';
  const [revoking, setRevoking] = useState<TServiceAccount | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.serviceAccounts.list.queryKey() });
  const create = useMutation(
    trpc.serviceAccounts.create.mutationOptions({ onSuccess: () => (setDraft(emptyToken()), refresh()) }),
  );
  const revoke = useMutation(
    trpc.serviceAccounts.revoke.mutationOptions({ onSuccess: () => (setRevoking(null), refresh()) }),
  );

  return (
    <>
      <PageHeader
        title="Service accounts"
        description="API tokens a team’s automation uses (a deploy pipeline asking for time-bound access). A service account acts as the team member who creates it, never beyond their permissions, and stops when they leave the team."
      />
      <Card className="mb-6 p-5">
        {teams.isPending ? <Spinner label="Loading your teams" /> : null}
        {teams.data?.length === 0 ? (
          <Notice>
            You are not in any team. A service account acts as the team member who creates it: join the team
            first, or ask one of its members who is in the identity team.
          </Notice>
        ) : null}
        {teams.data?.length ? (
          <NewTokenForm
            value={draft}
            onChange={setDraft}
            onSubmit={() => create.mutate({ ...draft, teamId })}
            mutation={create}
            submitLabel="Create service account"
            ready={Boolean(teamId)}
          >
            <Select
              label="Team"
              hint="The team that owns it; you are its sponsor."
              className="sm:col-span-2"
              value={teamId}
              onChange={(e) => setTeam(e.target.value)}
            >
              {teams.data.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </Select>
          </NewTokenForm>
        ) : null}
        {create.data ? <TokenSecret name={create.data.name} token={create.data.token} /> : null}
      </Card>
      {accounts.isPending ? <Spinner label="Loading service accounts" /> : null}
      <QueryError query={accounts} />
      {accounts.data?.length === 0 ? (
        <EmptyState title="No service accounts yet">
          Create one for each pipeline or tool a team runs.
        </EmptyState>
      ) : null}
      {accounts.data?.length ? (
        <TokensTable
          caption="Service accounts"
          tokens={accounts.data}
          extraColumns={ownerColumns}
          onRevoke={(s) => (revoke.reset(), setRevoking(s))}
        />
      ) : null}
      <ConfirmDialog
        open={revoking !== null}
        title={`Revoke the service account “${revoking?.name ?? ''}”?`}
        consequences="The automation using it is refused from now on (401). A revoked service account cannot be turned back on."
        confirmLabel="Revoke service account"
        pending={revoke.isPending}
        error={revoke.error}
        onConfirm={() => revoking && revoke.mutate({ tokenId: revoking.id })}
        onClose={() => setRevoking(null)}
      />
    </>
  );
}
