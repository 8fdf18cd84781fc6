'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { TTeamPurpose } from '@/server/shared/team-key.ts';
import { useTRPC } from '../../../_trpc/client.tsx';
import { Badge } from '../../../_components/ui/badge.tsx';
import { Card, PageHeader } from '../../../_components/ui/card.tsx';
import { QueryState } from '../../../_components/ui/query-state.tsx';
import { useCan } from '../../../_components/use-can.ts';
import { RowActions } from '@/app/_components/ui/row-actions.tsx';
import { Dialog } from '@/app/_components/ui/dialog.tsx';
import { TeamForm } from './team-form.tsx';
import { TeamMembers } from './team-members.tsx';
import { TeamUsageList } from './team-usage.tsx';
import { purposeLabel } from './teams-list.tsx';
import { useDocumentTitle } from '@/app/_components/use-document-title.ts';

/** One team: its people (added and removed here), what uses it, and editing or deleting it. */
export function TeamView({ id }: { id: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const canManage = useCan('admin.teams.manage');
  const [editing, setEditing] = useState(false);
  const team = useQuery(trpc.teams.get.queryOptions({ id }));
  useDocumentTitle(team.data ? [team.data.name, 'Teams'] : null);
  const remove = useMutation(
    trpc.teams.delete.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.teams.pathKey() });
        router.push('/admin/teams');
      },
    }),
  );
  const t = team.data;
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/admin/teams" className="text-brand-700 underline-offset-2 hover:underline">
          ← Teams
        </Link>
      </p>
      <QueryState query={team} loading="Loading the team">
        {t ? (
          <>
            <PageHeader
              title={t.name}
              description={t.description || undefined}
              actions={
                canManage ? (
                  <RowActions
                    size="md"
                    onEdit={() => setEditing(true)}
                    remove={{
                      title: `Delete the team “${t.name}”?`,
                      consequences: `Its ${t.members.length === 1 ? 'member leaves' : 'members leave'} it, on the record. A team that a policy, an application or an open task uses cannot be deleted.`,
                      confirmLabel: 'Delete team',
                      onConfirm: () => remove.mutateAsync({ id }),
                    }}
                  />
                ) : null
              }
            />
            <div className="mb-4 flex flex-wrap items-center gap-2 text-sm text-slate-600">
              <Badge tone="gray">{purposeLabel(t.purpose)}</Badge>
              <span>
                Key <code className="font-mono break-all text-slate-800">{t.key}</code>
              </span>
            </div>
            <div className="grid gap-4 lg:grid-cols-[2fr_1fr]">
              <TeamMembers teamId={id} members={t.members} canManage={canManage} />
              <Card className="min-w-0 p-4">
                <h2 className="mb-2 font-semibold text-slate-900">Where it is used</h2>
                <TeamUsageList usage={t.usedBy} />
              </Card>
            </div>
            <Dialog open={editing} onClose={() => setEditing(false)} title={`Edit ${t.name}`}>
              <TeamForm
                team={{
                  id: t.id,
                  key: t.key,
                  name: t.name,
                  description: t.description,
                  purpose: t.purpose as TTeamPurpose,
                }}
                onCancel={() => setEditing(false)}
                onDone={() => setEditing(false)}
              />
            </Dialog>
          </>
        ) : null}
      </QueryState>
    </>
  );
}
