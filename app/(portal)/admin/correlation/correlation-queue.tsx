'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { errorMessage, useTRPC } from '../../../_trpc/client.tsx';
import { Badge } from '../../../_components/ui/badge.tsx';
import { Button } from '../../../_components/ui/button.tsx';
import { Card, EmptyState, Notice, PageHeader } from '../../../_components/ui/card.tsx';
import { formatDateTime } from '../../../_components/ui/format.ts';
import { TabPanel, Tabs } from '@/app/_components/ui/tabs.tsx';
import { QueryState } from '@/app/_components/ui/query-state.tsx';
import { SentenceText } from '@/app/_components/ui/day-text.tsx';

type TDecision = { kind: 'LINK'; identityId: string } | { kind: 'CREATE' } | { kind: 'DISMISS' };

/** Records the rules could not place: a person decides who they are, so nobody is duplicated. */
export function CorrelationQueue() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<'OPEN' | 'DECIDED'>('OPEN');
  const cases = useQuery(trpc.lifecycle.correlationCases.queryOptions({ status }));
  const resolve = useMutation(
    trpc.lifecycle.resolveCorrelationCase.mutationOptions({
      onSuccess: () =>
        queryClient.invalidateQueries({ queryKey: trpc.lifecycle.correlationCases.queryKey() }),
    }),
  );
  const decide = (caseId: string, decision: TDecision) => resolve.mutate({ caseId, decision });
  return (
    <>
      <PageHeader
        title="Correlation queue"
        description="Incoming records that match several people, or whose rules disagree, wait here instead of becoming a duplicate person. Link each to the right person, or make it a new one."
      />
      <Tabs
        tabs={[
          { id: 'OPEN', label: 'Waiting' },
          { id: 'DECIDED', label: 'Decided' },
        ]}
        active={status}
        onChange={setStatus}
        label="Cases"
      >
        <TabPanel id={status}>
          {resolve.error ? (
            <div className="mb-4">
              <Notice tone="error">{errorMessage(resolve.error)}</Notice>
            </div>
          ) : null}
          <QueryState query={cases} loading="Loading the queue">
            {cases.data?.length === 0 ? (
              <EmptyState title={status === 'OPEN' ? 'Nothing waiting' : 'Nothing decided yet'}>
                Every incoming record found its person.
              </EmptyState>
            ) : null}
            <ul className="space-y-4" aria-label="Correlation cases">
              {cases.data?.map((c) => (
                <Card as="li" key={c.id} className="p-5">
                  <article aria-label={`Record ${c.externalId} from ${c.source.name}`}>
                    <div className="flex flex-wrap items-start justify-between gap-2">
                      <div className="min-w-0 break-words">
                        <h2 className="font-semibold text-slate-900">
                          {[
                            c.data.firstName ?? c.data['name › givenName'],
                            c.data.lastName ?? c.data['name › familyName'],
                          ]
                            .filter(Boolean)
                            .join(' ') || c.externalId}
                          <span className="ml-2 text-sm font-normal text-slate-500">
                            record {c.externalId} from {c.source.name}
                          </span>
                        </h2>
                        <p className="text-sm text-amber-800">{c.reason}</p>
                      </div>
                      <span className="text-xs text-slate-500">{formatDateTime(c.createdAt)}</span>
                    </div>
                    <dl className="mt-3 grid grid-cols-1 gap-x-6 gap-y-1 text-sm min-[400px]:grid-cols-2 sm:grid-cols-4">
                      {Object.entries(c.data).map(([k, v]) => (
                        <div key={k} className="min-w-0">
                          <dt className="text-xs break-words text-slate-500">{k}</dt>
                          <dd className="break-words text-slate-800">{v ?? '—'}</dd>
                        </div>
                      ))}
                    </dl>
                    {c.status === 'OPEN' ? (
                      <>
                        <h3 className="mt-4 text-sm font-medium text-slate-700">Candidates</h3>
                        {c.candidates.length === 0 ? (
                          <p className="text-sm text-slate-500">
                            No candidate: another record of the same sync claimed the same person.
                          </p>
                        ) : null}
                        <ul className="mt-2 divide-y divide-slate-100 rounded-md border border-slate-200">
                          {c.candidates.map((p) => (
                            <li
                              key={p.id}
                              className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-sm"
                            >
                              <div className="min-w-0 break-words">
                                <Link
                                  href={`/admin/identities/${p.id}`}
                                  className="font-medium text-brand-700 hover:underline"
                                >
                                  {p.displayName}
                                </Link>
                                <span className="ml-2 text-slate-500">
                                  {p.email} · {p.employeeNumber ?? 'no employee number'} ·{' '}
                                  {p.department ?? '—'}
                                </span>
                                {p.status !== 'ACTIVE' ? (
                                  <Badge tone="gray">{p.status.toLowerCase()}</Badge>
                                ) : null}
                              </div>
                              <Button
                                size="sm"
                                onClick={() => decide(c.id, { kind: 'LINK', identityId: p.id })}
                                disabled={resolve.isPending}
                              >
                                This is {p.displayName}
                              </Button>
                            </li>
                          ))}
                        </ul>
                        <div className="mt-3 flex flex-wrap gap-2">
                          <Button
                            variant="secondary"
                            size="sm"
                            onClick={() => decide(c.id, { kind: 'CREATE' })}
                            disabled={resolve.isPending}
                          >
                            A new person
                          </Button>
                          <Button
                            variant="ghost"
                            size="sm"
                            onClick={() => decide(c.id, { kind: 'DISMISS' })}
                            disabled={resolve.isPending}
                          >
                            Dismiss
                          </Button>
                        </div>
                      </>
                    ) : (
                      <p className="mt-3 text-sm text-slate-700">
                        {c.status === 'DISMISSED' ? 'Dismissed' : 'Linked to '}
                        {c.resolvedIdentity ? (
                          <Link
                            href={`/admin/identities/${c.resolvedIdentity.id}`}
                            className="font-medium text-brand-700 hover:underline"
                          >
                            {c.resolvedIdentity.displayName}
                          </Link>
                        ) : null}
                        {c.resolvedAt ? <SentenceText text={` · ${formatDateTime(c.resolvedAt)}`} /> : ''}
                      </p>
                    )}
                  </article>
                </Card>
              ))}
            </ul>
          </QueryState>
        </TabPanel>
      </Tabs>
    </>
  );
}
