'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage, useTRPC } from '../../../_trpc/client.tsx';
import { Button } from '../../../_components/ui/button.tsx';
import { Card, EmptyState, Notice, PageHeader } from '../../../_components/ui/card.tsx';
import { Field, inputClass, selectClass } from '@/app/_components/ui/field.tsx';
import { QueryState } from '@/app/_components/ui/query-state.tsx';
import { ScimTokensTable } from './scim-tokens-table.tsx';

export function ScimTokensView({ baseUrl }: { baseUrl: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [chosenSourceId, setSourceId] = useState('');
  const tokens = useQuery(trpc.scimTokens.list.queryOptions());
  const sources = useQuery(trpc.scimTokens.sources.queryOptions());
  // Each IdP writes to its own source; with one source there is nothing to choose.
  const sourceId = chosenSourceId || sources.data?.[0]?.id || '';
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.scimTokens.list.queryKey() });
  const create = useMutation(
    trpc.scimTokens.create.mutationOptions({ onSuccess: () => (setName(''), refresh()) }),
  );

  return (
    <>
      <PageHeader
        title="SCIM tokens"
        description="Bearer tokens your identity provider (Okta, Entra ID) uses to push people and groups into Gatehouse over SCIM 2.0. Gatehouse keeps only a hash of each token."
      />
      <Card className="mb-6 p-5">
        <dl className="mb-4 text-sm">
          <dt className="font-medium text-slate-700">SCIM base URL</dt>
          <dd>
            <code className="font-mono text-slate-900" data-testid="scim-base-url">
              {baseUrl}
            </code>
          </dd>
        </dl>
        <form
          className="flex flex-wrap items-end gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate({ name, sourceId });
          }}
        >
          <Field
            label="Token name"
            hint="Which IdP or app uses it, e.g. “Okta production”."
            className="min-w-64 flex-1"
          >
            <input
              className={inputClass}
              value={name}
              onChange={(e) => setName(e.target.value)}
              maxLength={100}
              required
            />
          </Field>
          <Field
            label="Source"
            hint="The IdP’s own source: it sees and changes only its Users and Groups."
            className="min-w-48"
          >
            <select
              className={`${selectClass} w-full`}
              value={sourceId}
              onChange={(e) => setSourceId(e.target.value)}
              required
            >
              {sources.data?.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </Field>
          <Button type="submit" disabled={create.isPending || !name.trim() || !sourceId}>
            Create token
          </Button>
        </form>
        {create.error ? (
          <div className="mt-3">
            <Notice tone="error">{errorMessage(create.error)}</Notice>
          </div>
        ) : null}
        {create.data ? (
          <div className="mt-4 space-y-2" role="status" aria-label="New SCIM token">
            <Notice tone="success">
              Token “{create.data.name}” created. Copy it now into your IdP’s provisioning settings: it is
              shown only this once.
            </Notice>
            <div className="flex flex-wrap items-center gap-2">
              <code
                className="rounded bg-slate-100 px-2 py-1 font-mono text-sm break-all text-slate-900"
                data-testid="new-scim-token"
              >
                {create.data.token}
              </code>
              <Button
                variant="secondary"
                size="sm"
                onClick={() => void navigator.clipboard?.writeText(create.data.token)}
              >
                Copy
              </Button>
            </div>
          </div>
        ) : null}
      </Card>

      <QueryState query={tokens} loading="Loading tokens">
        {tokens.data?.length === 0 ? (
          <EmptyState title="No SCIM tokens yet">
            Create one for each IdP that provisions into Gatehouse.
          </EmptyState>
        ) : null}
        {tokens.data?.length ? <ScimTokensTable tokens={tokens.data} /> : null}
      </QueryState>
    </>
  );
}
