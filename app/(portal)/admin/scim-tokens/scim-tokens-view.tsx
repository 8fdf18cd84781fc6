'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage, useTRPC } from '../../../_trpc/client.tsx';
import { Badge } from '../../../_components/ui/badge.tsx';
import { Button } from '../../../_components/ui/button.tsx';
import { Card, EmptyState, Notice, PageHeader, Spinner } from '../../../_components/ui/card.tsx';
import { formatDateTime } from '../../../_components/ui/format.ts';
import { Field, inputClass, selectClass } from '@/app/_components/ui/field.tsx';
import { QueryError } from '@/app/_components/ui/query-state.tsx';

export function ScimTokensView({ baseUrl }: { baseUrl: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [chosenSourceId, setSourceId] = useState('');
  const [confirming, setConfirming] = useState<string | null>(null);
  const tokens = useQuery(trpc.scimTokens.list.queryOptions());
  const sources = useQuery(trpc.scimTokens.sources.queryOptions());
  // Each IdP writes to its own source; with one source there is nothing to choose.
  const sourceId = chosenSourceId || sources.data?.[0]?.id || '';
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.scimTokens.list.queryKey() });
  const create = useMutation(
    trpc.scimTokens.create.mutationOptions({ onSuccess: () => (setName(''), refresh()) }),
  );
  const revoke = useMutation(
    trpc.scimTokens.revoke.mutationOptions({ onSuccess: () => (setConfirming(null), refresh()) }),
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

      {tokens.isPending ? <Spinner label="Loading tokens" /> : null}
      <QueryError query={tokens} />
      {revoke.error ? <Notice tone="error">{errorMessage(revoke.error)}</Notice> : null}
      {tokens.data?.length === 0 ? (
        <EmptyState title="No SCIM tokens yet">
          Create one for each IdP that provisions into Gatehouse.
        </EmptyState>
      ) : null}
      {tokens.data?.length ? (
        <ul aria-label="SCIM tokens" className="grid gap-3">
          {tokens.data.map((t) => (
            <Card as="li" key={t.id} className="p-4">
              <article
                aria-label={`SCIM token ${t.name}`}
                className="flex flex-wrap items-start justify-between gap-3"
              >
                <div className="min-w-0 text-sm">
                  <p className="flex flex-wrap items-center gap-2">
                    <span className="font-semibold text-slate-900">{t.name}</span>
                    <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-600">
                      {t.prefix}…
                    </code>
                    {t.revokedAt ? <Badge tone="gray">Revoked</Badge> : <Badge tone="green">Active</Badge>}
                  </p>
                  <p className="mt-1 text-slate-500">
                    Created {formatDateTime(t.createdAt)}
                    {t.createdBy ? ` by ${t.createdBy}` : ''} · writes to {t.sourceName} ·
                    last used {t.lastUsedAt ? formatDateTime(t.lastUsedAt) : 'never'}
                    {t.revokedAt ? ` · revoked ${formatDateTime(t.revokedAt)}` : ''}
                  </p>
                </div>
                {!t.revokedAt ? (
                  confirming === t.id ? (
                    <div className="flex gap-2">
                      <Button
                        variant="danger"
                        size="sm"
                        disabled={revoke.isPending}
                        onClick={() => revoke.mutate({ tokenId: t.id })}
                      >
                        Revoke now
                      </Button>
                      <Button variant="ghost" size="sm" onClick={() => setConfirming(null)}>
                        Keep
                      </Button>
                    </div>
                  ) : (
                    <Button variant="secondary" size="sm" onClick={() => setConfirming(t.id)}>
                      Revoke…
                    </Button>
                  )
                ) : null}
              </article>
            </Card>
          ))}
        </ul>
      ) : null}
    </>
  );
}
