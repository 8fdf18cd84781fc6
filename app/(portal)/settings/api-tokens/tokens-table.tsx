'use client';

import { Badge } from '@/app/_components/ui/badge.tsx';
import { Button } from '@/app/_components/ui/button.tsx';
import { type ColumnDef, DataTable } from '@/app/_components/ui/data-table.tsx';
import { formatDate, formatDateTime } from '@/app/_components/ui/format.ts';

export type TTokenRow = {
  id: string;
  name: string;
  prefix: string;
  permissions: string[];
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
};

const stateOf = (t: TTokenRow, now: Date) =>
  t.revokedAt ? 'Revoked' : t.expiresAt <= now ? 'Expired' : 'Active';

/** Personal tokens or service accounts: name, what they may do, expiry, last use; revoking asks first. */
export function TokensTable<T extends TTokenRow>({
  caption,
  tokens,
  extraColumns = [],
  onRevoke,
}: {
  caption: string;
  tokens: T[];
  extraColumns?: ColumnDef<T, unknown>[];
  onRevoke: (t: T) => void;
}) {
  const now = new Date();
  const columns: ColumnDef<T, unknown>[] = [
    {
      id: 'name',
      header: 'Name',
      accessorFn: (t) => t.name,
      enableSorting: true,
      cell: ({ row: { original: t } }) => (
        <span className="break-words">
          <span className="font-medium text-slate-900">{t.name}</span>{' '}
          <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-600">
            {t.prefix}…
          </code>
        </span>
      ),
    },
    ...extraColumns,
    {
      id: 'permissions',
      header: 'May',
      accessorFn: (t) => t.permissions.join(' '),
      cell: ({ row: { original: t } }) => (
        <span className="block max-w-xs text-xs break-words text-slate-600">{t.permissions.join(', ')}</span>
      ),
    },
    {
      id: 'status',
      header: 'Status',
      accessorFn: (t) => stateOf(t, now),
      enableSorting: true,
      cell: ({ row: { original: t } }) => {
        const state = stateOf(t, now);
        return (
          <>
            <Badge tone={state === 'Active' ? 'green' : 'gray'}>{state}</Badge>
            <span className="block text-xs whitespace-nowrap text-slate-500">
              {state === 'Revoked'
                ? formatDateTime(t.revokedAt)
                : `${state === 'Active' ? 'until' : 'on'} ${formatDate(t.expiresAt)}`}
            </span>
          </>
        );
      },
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
        stateOf(t, now) === 'Active' ? (
          <Button variant="secondary" size="sm" onClick={() => onRevoke(t)} aria-label={`Revoke ${t.name}…`}>
            Revoke…
          </Button>
        ) : null,
    },
  ];
  return (
    <DataTable
      caption={caption}
      stackOnPhone
      columns={columns}
      rows={tokens}
      rowKey={(t) => t.id}
      search={
        tokens.length > 5
          ? { label: `Search ${caption.toLowerCase()}`, placeholder: 'Search by name…' }
          : undefined
      }
      pageSize={20}
    />
  );
}
