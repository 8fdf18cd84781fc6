'use client';

import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../../_trpc/client.tsx';
import { PageHeader } from '../../../_components/ui/card.tsx';
import { useCanManage } from '../_components/use-can-manage.ts';
import { Failures } from './failures.tsx';
import { OverviewTable, PausedApplications, QueueCards } from './overview.tsx';
import { RecentOperations } from './recent-operations.tsx';
import { QueryState } from '@/app/_components/ui/query-state.tsx';

export function ProvisioningView() {
  const trpc = useTRPC();
  const canManage = useCanManage();
  const overview = useQuery(
    trpc.provisioning.overview.queryOptions(undefined, {
      // Every few seconds while work is in flight; calmly otherwise, to notice new failures.
      refetchInterval: (q) =>
        q.state.data?.applications.some((a) => a.pending + a.running + a.retrying > 0) ? 3000 : 15_000,
    }),
  );
  const busy = overview.data?.applications.some((a) => a.pending + a.running + a.retrying > 0) ?? false;
  return (
    <>
      <PageHeader
        title="Provisioning"
        description="What the engine is doing in each application, what failed and why. Failures wait here until someone retries or cancels them."
      />
      <QueryState query={overview} loading="Loading the overview">
        {overview.data ? (
          <div className="grid grid-cols-1 gap-8">
            <section aria-labelledby="per-application">
              <h2
                id="per-application"
                className="mb-3 flex items-center gap-2 text-lg font-semibold text-slate-900"
              >
                Applications
                {busy ? (
                  <span className="inline-flex items-center gap-1.5 text-xs font-normal text-slate-500">
                    <span className="size-1.5 animate-pulse rounded-full bg-sky-500" aria-hidden /> working
                  </span>
                ) : null}
              </h2>
              <OverviewTable applications={overview.data.applications} />
              <PausedApplications applications={overview.data.applications} />
            </section>
            <section aria-labelledby="queues">
              <h2 id="queues" className="mb-3 text-lg font-semibold text-slate-900">
                Queues
              </h2>
              <QueueCards queues={overview.data.queues} />
            </section>
            <Failures canManage={canManage} pollFaster={busy} />
            <RecentOperations applications={overview.data.applications} />
          </div>
        ) : null}
      </QueryState>
    </>
  );
}
