'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { errorMessage, useTRPC } from '../../../_trpc/client.tsx';
import { Badge } from '../../../_components/ui/badge.tsx';
import { Button } from '../../../_components/ui/button.tsx';
import { Card, EmptyState, Notice, PageHeader } from '../../../_components/ui/card.tsx';
import { TabPanel, Tabs } from '@/app/_components/ui/tabs.tsx';
import { QueryState } from '@/app/_components/ui/query-state.tsx';
import { DayText } from '@/app/_components/ui/day-text.tsx';

/** Attributes two equally ranked sources disagree on: the current value stays until someone picks a source. */
export function ConflictsView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<'OPEN' | 'DECIDED'>('OPEN');
  const conflicts = useQuery(trpc.lifecycle.conflicts.queryOptions({ status }));
  const resolve = useMutation(
    trpc.lifecycle.resolveConflict.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.lifecycle.conflicts.queryKey() }),
    }),
  );
  return (
    <>
      <PageHeader
        title="Attribute conflicts"
        description="Two sources with the same precedence say different things about a person. The person keeps their current value until you choose whose value applies; the choice holds on later syncs while the sources keep saying the same."
      />
      <Tabs
        tabs={[
          { id: 'OPEN', label: 'Open' },
          { id: 'DECIDED', label: 'Decided' },
        ]}
        active={status}
        onChange={setStatus}
        label="Conflicts"
      >
        <TabPanel id={status}>
          {resolve.error ? (
            <div className="mb-4">
              <Notice tone="error">{errorMessage(resolve.error)}</Notice>
            </div>
          ) : null}
          <QueryState query={conflicts} loading="Loading conflicts">
            {conflicts.data?.length === 0 ? (
              <EmptyState title={status === 'OPEN' ? 'No conflicts' : 'Nothing decided yet'}>
                The sources agree, or precedence settles every attribute.
              </EmptyState>
            ) : null}
            <ul className="space-y-3" aria-label="Attribute conflicts">
              {conflicts.data?.map((c) => (
                <Card as="li" key={c.id} className="p-4">
                  <div className="flex flex-wrap items-start justify-between gap-2">
                    <p className="text-sm">
                      <Link
                        href={`/admin/identities/${c.person.id}`}
                        className="font-semibold text-brand-700 hover:underline"
                      >
                        {c.person.displayName}
                      </Link>
                      <span className="text-slate-500"> · </span>
                      <span className="font-mono text-slate-800">{c.attribute}</span>
                      <span className="text-slate-500"> is now </span>
                      <span className="font-medium text-slate-900">{c.current ?? '—'}</span>
                    </p>
                    <span className="flex items-center gap-2 text-xs text-slate-500">
                      {c.status !== 'OPEN' ? (
                        <Badge tone={c.status === 'RESOLVED' ? 'green' : 'gray'}>
                          {c.status === 'RESOLVED' ? 'Decided' : 'No longer in conflict'}
                        </Badge>
                      ) : null}
                      <DayText at={c.resolvedAt ?? c.createdAt} to="minute" />
                    </span>
                  </div>
                  <ul className="mt-3 grid gap-2 sm:grid-cols-2">
                    {c.candidates.map((v) => (
                      <li
                        key={v.sourceId}
                        className={`flex items-center justify-between gap-2 rounded-md border px-3 py-2 text-sm ${c.chosenSourceId === v.sourceId ? 'border-emerald-300 bg-emerald-50' : 'border-slate-200'}`}
                      >
                        <span>
                          <span className="font-medium text-slate-900">{v.value ?? '—'}</span>
                          <span className="block text-xs text-slate-500">
                            {v.sourceName} · precedence {v.precedence}
                          </span>
                        </span>
                        {c.status === 'OPEN' ? (
                          <Button
                            size="sm"
                            variant="secondary"
                            onClick={() => resolve.mutate({ conflictId: c.id, sourceId: v.sourceId })}
                            disabled={resolve.isPending}
                          >
                            Use this
                          </Button>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                </Card>
              ))}
            </ul>
          </QueryState>
        </TabPanel>
      </Tabs>
    </>
  );
}
