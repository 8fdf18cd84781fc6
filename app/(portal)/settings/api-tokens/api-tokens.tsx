'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../../../_trpc/client.tsx';
import { Card, EmptyState } from '@/app/_components/ui/card.tsx';
import { ConfirmDialog } from '@/app/_components/ui/confirm-dialog.tsx';
import { QueryError } from '@/app/_components/ui/query-state.tsx';
import { useCan } from '@/app/_components/use-can.ts';
import { NewTokenForm, emptyToken, useNewToken } from './token-form.tsx';
import { TokenSecret } from './token-secret.tsx';
import { TokensTable, type TTokenRow } from './tokens-table.tsx';

/** Personal API tokens: for scripts and tools that act as you, with the part of your permissions you choose. */
export function ApiTokens() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const canManage = useCan('apiTokens.manageOwn');
  const tokens = useQuery({ ...trpc.apiTokens.listMine.queryOptions(), enabled: canManage });
  const [draft, setDraft] = useNewToken();
  const [revoking, setRevoking] = useState<TTokenRow | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.apiTokens.listMine.queryKey() });
  const create = useMutation(
    trpc.apiTokens.create.mutationOptions({ onSuccess: () => (setDraft(emptyToken()), refresh()) }),
  );
  const revoke = useMutation(
    trpc.apiTokens.revoke.mutationOptions({ onSuccess: () => (setRevoking(null), refresh()) }),
  );
  if (!canManage) return null;

  return (
    <section aria-labelledby="api-tokens-title" className="mt-8 min-w-0 space-y-4">
      <Card className="p-5">
        <h2 id="api-tokens-title" className="text-lg font-semibold text-slate-900">
          API tokens
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          A token lets a script or tool call the{' '}
          <a className="text-brand-700 underline" href="/api-docs">
            Gatehouse API
          </a>{' '}
          as you, with only the permissions you give it. Every call is in the audit log with the token.
        </p>
        <NewTokenForm
          className="mt-4"
          value={draft}
          onChange={setDraft}
          onSubmit={() => create.mutate(draft)}
          mutation={create}
          submitLabel="Create token"
        />
        {create.data ? <TokenSecret name={create.data.name} token={create.data.token} /> : null}
      </Card>
      <QueryError query={tokens} />
      {tokens.data?.length === 0 ? (
        <EmptyState title="No API tokens yet">
          Create one above for a script or tool that works for you.
        </EmptyState>
      ) : null}
      {tokens.data?.length ? (
        <TokensTable
          caption="Your API tokens"
          tokens={tokens.data}
          onRevoke={(t) => (revoke.reset(), setRevoking(t))}
        />
      ) : null}
      <ConfirmDialog
        open={revoking !== null}
        title={`Revoke the token “${revoking?.name ?? ''}”?`}
        consequences="Whatever uses it is refused from now on (401). A revoked token cannot be turned back on; create a new one if you need it again."
        confirmLabel="Revoke token"
        pending={revoke.isPending}
        error={revoke.error}
        onConfirm={() => revoking && revoke.mutate({ tokenId: revoking.id })}
        onClose={() => setRevoking(null)}
      />
    </section>
  );
}
