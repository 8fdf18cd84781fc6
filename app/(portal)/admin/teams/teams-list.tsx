'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { TEAM_PURPOSE_LABEL, type TTeamPurpose } from '@/server/shared/team-key.ts';
import type { TListTeamsOutput } from '@/server/trpc/routers/teams/teams.schema.ts';
import { useTRPC } from '../../../_trpc/client.tsx';
import { Badge } from '../../../_components/ui/badge.tsx';
import { Button } from '../../../_components/ui/button.tsx';
import { EmptyState, PageHeader } from '../../../_components/ui/card.tsx';
import { DataTable, type ColumnDef } from '../../../_components/ui/data-table.tsx';
import { countOf } from '../../../_components/ui/format.ts';
import { QueryState } from '../../../_components/ui/query-state.tsx';
import { useCan } from '../../../_components/use-can.ts';
import { Dialog } from '@/app/_components/ui/dialog.tsx';
import { TeamForm } from './team-form.tsx';
import { usageSummary } from './team-usage.tsx';

type TTeamRow = TListTeamsOutput[number];

export const purposeLabel = (p: string) => TEAM_PURPOSE_LABEL[p as TTeamPurpose] ?? p;

const columns: ColumnDef<TTeamRow>[] = [
  {
    id: 'name',
    header: 'Team',
    accessorFn: (t) => t.name,
    enableSorting: true,
    cell: ({ row: { original: t } }) => (
      <div className="min-w-0">
        <Link
          href={`/admin/teams/${t.id}`}
          className="font-medium break-words text-brand-700 underline-offset-2 hover:underline"
        >
          {t.name}
        </Link>
        <p className="font-mono text-xs break-all text-slate-500">{t.key}</p>
      </div>
    ),
  },
  {
    id: 'purpose',
    header: 'Purpose',
    cell: ({ row: { original: t } }) => <Badge tone="gray">{purposeLabel(t.purpose)}</Badge>,
  },
  {
    id: 'members',
    header: 'Members',
    accessorFn: (t) => t.members,
    enableSorting: true,
    cell: ({ row: { original: t } }) => countOf(t.members, 'person', 'people'),
  },
  { id: 'usedBy', header: 'Used by', cell: ({ row: { original: t } }) => usageSummary(t.usedBy) },
];

export function TeamsList() {
  const trpc = useTRPC();
  const router = useRouter();
  const canManage = useCan('admin.teams.manage');
  const [creating, setCreating] = useState(false);
  const teams = useQuery(trpc.teams.list.queryOptions());
  return (
    <>
      <PageHeader
        title="Teams"
        description="Approver pools, fulfilment desks and security reviewers. Approval policies name teams in their stages; manual applications hand their work to a fulfilment team."
        actions={canManage ? <Button onClick={() => setCreating(true)}>New team</Button> : null}
      />
      <QueryState query={teams} loading="Loading teams">
        {teams.data?.length === 0 ? (
          <EmptyState title="No teams yet">
            Create one, add its people, then name it in an approval policy.
          </EmptyState>
        ) : (
          <DataTable caption="Teams" columns={columns} rows={teams.data ?? []} rowKey={(t) => t.id} />
        )}
      </QueryState>
      <Dialog open={creating} onClose={() => setCreating(false)} title="New team">
        <TeamForm
          team={null}
          onCancel={() => setCreating(false)}
          onDone={(id) => router.push(`/admin/teams/${id}`)}
        />
      </Dialog>
    </>
  );
}
