'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { z } from 'zod';
import type { ZScimTokenRow } from '@/server/trpc/routers/scim-tokens/scim-tokens.schema.ts';
import { useTRPC } from '../../../_trpc/client.tsx';
import { Badge } from '../../../_components/ui/badge.tsx';
import { Button } from '../../../_components/ui/button.tsx';
import { ConfirmDialog } from '../../../_components/ui/confirm-dialog.tsx';
import { type ColumnDef, DataTable } from '../../../_components/ui/data-table.tsx';
import { formatDateTime } from '../../../_components/ui/format.ts';

type TToken = z.infer<typeof ZScimTokenRow>;

const columns = (onRevoke: (t: TToken) => void): ColumnDef<TToken, unknown>[] => [
  {
    id: 'name',
    header: 'Token',
    accessorFn: (t) => t.name,
    enableSorting: true,
    cell: ({ row: { original: t } }) => (
      <>
        <span className="font-medium text-slate-900">{t.name}</span>{' '}
        <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-600">
          {t.prefix}…
        </code>
      </>
    ),
  },
  {
    id: 'status',
    header: 'Status',
    accessorFn: (t) => (t.revokedAt ? 'Revoked' : 'Active'),
    enableSorting: true,
    cell: ({ row: { original: t } }) =>
      t.revokedAt ? (
        <>
          <Badge tone="gray">Revoked</Badge>
          <span className="block text-xs whitespace-nowrap text-slate-500">
            {formatDateTime(t.revokedAt)}
          </span>
        </>
      ) : (
        <Badge tone="green">Active</Badge>
      ),
  },
  { id: 'source', header: 'Writes to', accessorFn: (t) => t.sourceName, enableSorting: true },
  {
    id: 'created',
    header: 'Created',
    accessorFn: (t) => t.createdAt,
    enableSorting: true,
    cell: ({ row: { original: t } }) => (
      <>
        <span className="whitespace-nowrap">{formatDateTime(t.createdAt)}</span>
        {t.createdBy ? <span className="block text-xs text-slate-500">by {t.createdBy}</span> : null}
      </>
    ),
  },
  {
    id: 'lastUsed',
    header: 'Last used',
    accessorFn: (t) => t.lastUsedAt,
    enableSorting: true,
    meta: { noWrap: true },
    cell: ({ row: { original: t } }) => (t.lastUsedAt ? formatDateTime(t.lastUsedAt) : 'never'),
  },
  {
    id: 'actions',
    header: () => <span className="sr-only">Actions</span>,
    cell: ({ row: { original: t } }) =>
      t.revokedAt ? null : (
        <Button variant="secondary" size="sm" onClick={() => onRevoke(t)} aria-label={`Revoke ${t.name}…`}>
          Revoke…
        </Button>
      ),
  },
];

/** The tokens, newest first as the server lists them; revoking one asks first. */
export function ScimTokensTable({ tokens }: { tokens: TToken[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [revoking, setRevoking] = useState<TToken | null>(null);
  const revoke = useMutation(
    trpc.scimTokens.revoke.mutationOptions({
      onSuccess: async () => {
        setRevoking(null);
        await queryClient.invalidateQueries({ queryKey: trpc.scimTokens.list.queryKey() });
      },
    }),
  );
  return (
    <>
      <DataTable
        caption="SCIM tokens"
        stackOnPhone
        columns={columns((t) => (revoke.reset(), setRevoking(t)))}
        rows={tokens}
        rowKey={(t) => t.id}
        search={
          tokens.length > 5
            ? { label: 'Search the tokens', placeholder: 'Search by name or source…' }
            : undefined
        }
        pageSize={20}
      />
      <ConfirmDialog
        open={revoking !== null}
        title={`Revoke the token “${revoking?.name ?? ''}”?`}
        consequences="The identity provider using it is refused from now on (401), so people and groups it pushes stop arriving until you give it a new token. A revoked token cannot be turned back on."
        confirmLabel="Revoke token"
        pending={revoke.isPending}
        error={revoke.error}
        onConfirm={() => revoking && revoke.mutate({ tokenId: revoking.id })}
        onClose={() => setRevoking(null)}
      />
    </>
  );
}
