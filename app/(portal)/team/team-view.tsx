'use client';

import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../_trpc/client.tsx';
import { EmptyState, PageHeader } from '../../_components/ui/card.tsx';
import { AccessList } from '../access/access-list.tsx';
import { QueryState } from '@/app/_components/ui/query-state.tsx';

export function TeamView() {
  const trpc = useTRPC();
  const team = useQuery(trpc.access.listTeam.queryOptions());
  return (
    <>
      <PageHeader
        title="My team"
        description="What each of your direct reports holds. Revoke what they no longer need; request more from the catalog."
      />
      <QueryState query={team} loading="Loading your team">
        {team.data?.length === 0 ? <EmptyState title="No direct reports" /> : null}
        <div className="space-y-10">
          {team.data?.map(({ person, access }) => (
            <section key={person.id} aria-label={person.displayName}>
              <h2 className="mb-3 text-lg font-semibold text-slate-900">
                {person.displayName}
                <span className="ml-2 text-sm font-normal text-slate-500">
                  {person.title}
                  {person.department ? `, ${person.department}` : ''}
                </span>
              </h2>
              {/* Mounted even when empty: after revoking someone's last access, it still says it was done. */}
              <AccessList applications={access} mode="team" person={person.displayName} />
              {access.length ? null : <p className="text-sm text-slate-500">No access.</p>}
            </section>
          ))}
        </div>
      </QueryState>
    </>
  );
}
