'use client';

import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { TEAM_PURPOSE_LABEL, type TTeamPurpose } from '@/server/shared/team-key.ts';
import { useTRPC } from '../../../_trpc/client.tsx';
import { Badge } from '../../../_components/ui/badge.tsx';
import { Button } from '../../../_components/ui/button.tsx';
import { EmptyState, PageHeader } from '../../../_components/ui/card.tsx';
import { countOf } from '../../../_components/ui/format.ts';
import { QueryState } from '../../../_components/ui/query-state.tsx';
import { useCan } from '../../../_components/use-can.ts';
import { Dialog } from '@/app/_components/ui/dialog.tsx';
import { CardFacts, LinkedCard } from '@/app/_components/ui/linked-card.tsx';
import { TeamForm } from './team-form.tsx';
import { usageSummary } from './team-usage.tsx';

export const purposeLabel = (p: string) => TEAM_PURPOSE_LABEL[p as TTeamPurpose] ?? p;

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
          // Cards, as applications and sources are listed: a team's name, key and what uses it read on a
          // phone without a table to scroll sideways.
          <ul aria-label="Teams" className="grid grid-cols-1 gap-3">
            {teams.data?.map((t) => (
              <LinkedCard
                key={t.id}
                href={`/admin/teams/${t.id}`}
                name={t.name}
                code={t.key}
                badges={<Badge tone="gray">{purposeLabel(t.purpose)}</Badge>}
              >
                {t.description ? (
                  <p className="mt-2 line-clamp-2 text-sm break-words text-slate-600">{t.description}</p>
                ) : null}
                <CardFacts
                  facts={[
                    { term: 'Members', value: countOf(t.members, 'person', 'people') },
                    { term: 'Used by', value: usageSummary(t.usedBy) },
                  ]}
                />
              </LinkedCard>
            ))}
          </ul>
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
