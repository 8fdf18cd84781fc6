'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { useTRPC } from '../../../../_trpc/client.tsx';
import { Card, Notice, PageHeader } from '../../../../_components/ui/card.tsx';
import { formatDateTime } from '../../../../_components/ui/format.ts';
import { QueryState } from '../../../../_components/ui/query-state.tsx';
import { AdoptionApproval } from '../../_components/adoption-approval.tsx';
import { DecisionForm, type TDecideResult } from '../../_components/decision-form.tsx';
import { AskManagerButton, ManagerAnswerForm } from '../../_components/manager-ask.tsx';
import {
  HoldersCell,
  PersonCell,
  SodCell,
  StatusCell,
  WhatCell,
} from '../../_components/finding-context.tsx';
import { KIND_LABEL } from '../../_components/labels.ts';
import type { TFindingDetail } from '../../_components/types.ts';
import { useDocumentTitle } from '@/app/_components/use-document-title.ts';
import { DayText } from '@/app/_components/ui/day-text.tsx';

const MODE = { FULL: 'Full run', INCREMENTAL: 'Incremental run', PERSON: 'Person resync' } as const;

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-1 border-t border-slate-100 py-3 first:border-t-0 sm:grid-cols-[12rem_minmax(0,1fr)]">
      <dt className="text-sm font-medium text-slate-600">{label}</dt>
      <dd className="min-w-0 text-sm break-words text-slate-900">{children}</dd>
    </div>
  );
}

function RunLine({ run }: { run: TFindingDetail['firstRun'] }) {
  if (!run) return <span className="text-slate-500">—</span>;
  return (
    <span>
      <DayText at={run.startedAt} to="minute" /> · {MODE[run.mode]} ({run.trigger.toLowerCase()})
    </span>
  );
}

/** One finding: its full context, its history (first seen, the runs that saw it, the decision) and a decision form while it waits. */
export function FindingDetail({ id }: { id: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const finding = useQuery(trpc.reconciliation.getFinding.queryOptions({ findingId: id }));
  const [result, setResult] = useState<TDecideResult | null>(null);
  const [approval, setApproval] = useState<string | null>(null);
  const f = finding.data;
  const asManager = f?.viewer.asManager ?? false;
  useDocumentTitle(f ? [KIND_LABEL[f.kind], f.person?.displayName ?? f.application.name, 'Findings'] : null);
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.reconciliation.getFinding.queryKey({ findingId: id }) }),
      queryClient.invalidateQueries({ queryKey: trpc.reconciliation.listFindings.infiniteQueryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.me.get.queryKey() }),
    ]);
  const onDecided = async (res: TDecideResult) => {
    setResult(res);
    await refresh();
  };
  return (
    <>
      {asManager ? null : (
        <Link
          href="/reconciliation"
          className="mb-3 inline-flex items-center gap-1 text-sm text-slate-600 hover:text-slate-900 print:hidden"
        >
          <span aria-hidden>←</span> Review queue
        </Link>
      )}
      <QueryState query={finding} loading="Loading the finding">
        {f ? (
          <>
            <PageHeader
              title={KIND_LABEL[f.kind]}
              description={[f.application.name, f.person?.displayName, f.entitlement?.name]
                .filter(Boolean)
                .join(' · ')}
            />
            <Card className="mb-6 px-4 py-1">
              <dl>
                <Row label="Status">
                  <StatusCell f={f} />
                </Row>
                <Row label="Person">
                  <PersonCell f={f} />
                  {f.person && !asManager ? (
                    <Link
                      href={`/reconciliation?person=${f.person.id}&status=ALL`}
                      className="mt-1 inline-block text-xs font-medium text-brand-700 hover:underline print:hidden"
                    >
                      Every finding about {f.person.displayName}
                    </Link>
                  ) : null}
                </Row>
                <Row label="Application">{f.application.name}</Row>
                <Row label="In the target">
                  <WhatCell f={f} />
                </Row>
                <Row label="Others holding it">
                  <HoldersCell f={f} />
                </Row>
                <Row label="Segregation of duties">
                  <SodCell f={f} />
                  {f.sod?.conflicts.map((c) => (
                    <p key={c.ruleName} className="mt-1 text-xs text-slate-600">
                      {c.explanation}
                    </p>
                  ))}
                </Row>
                <Row label="First seen">{formatDateTime(f.firstSeenAt)}</Row>
                <Row label="Last seen">{formatDateTime(f.lastSeenAt)}</Row>
                <Row label="Found by">
                  <RunLine run={f.firstRun} />
                </Row>
                <Row label="Last seen by">
                  <RunLine run={f.lastRun ?? f.firstRun} />
                </Row>
                {f.decision.resolution || f.decision.resolvedAt ? (
                  <Row label="Resolved">
                    <DayText at={f.decision.resolvedAt} to="minute" />
                    {f.decision.resolution ? ` · ${f.decision.resolution}` : ''}
                  </Row>
                ) : null}
              </dl>
            </Card>
            {result ? (
              <div className="mb-4" aria-live="polite">
                {result.decided ? (
                  <Notice tone="success">Decided.</Notice>
                ) : (
                  <Notice tone="error">Not decided: {result.refused[0]?.reason ?? 'refused'}</Notice>
                )}
              </div>
            ) : null}
            {approval ? (
              <div className="mb-4" aria-live="polite">
                <Notice tone="success">{approval}</Notice>
              </div>
            ) : null}
            {f.viewer.mayAnswer && f.person ? (
              <Card className="mb-4 p-4 print:hidden">
                <h2 className="mb-3 text-base font-semibold text-slate-900">
                  Your answer as {f.person.displayName}’s manager
                </h2>
                <ManagerAnswerForm
                  findingId={f.id}
                  personName={f.person.displayName}
                  onDone={(message) => {
                    setApproval(message);
                    void refresh();
                  }}
                />
              </Card>
            ) : null}
            {f.viewer.mayAskManager && f.person?.manager ? (
              <Card className="mb-4 p-4 print:hidden">
                <h2 className="mb-2 text-base font-semibold text-slate-900">What does the manager think?</h2>
                <p className="mb-3 text-sm text-slate-700">
                  {f.person.manager.displayName} is asked in the app and by email, with a link to this
                  finding, and may answer here.
                </p>
                <AskManagerButton
                  findingId={f.id}
                  managerName={f.person.manager.displayName}
                  onDone={(message) => {
                    setApproval(message);
                    void refresh();
                  }}
                />
              </Card>
            ) : null}
            {asManager ? null : f.adoptionApproval ? (
              <Card className="mb-4 p-4 print:hidden">
                <h2 className="mb-2 text-base font-semibold text-slate-900">Adoption waiting for approval</h2>
                {f.adoptionApproval.mayApprove ? (
                  <AdoptionApproval
                    findingId={f.id}
                    decidedBy={f.decision.decidedBy}
                    reason={f.decision.reason}
                    onDone={(message) => {
                      setApproval(message);
                      void refresh();
                    }}
                  />
                ) : (
                  <p className="text-sm text-slate-700">
                    The entitlement’s owner approves it; it becomes a grant then.
                  </p>
                )}
              </Card>
            ) : f.viewer.mayDecide && (f.status === 'OPEN' || f.status === 'IN_PROGRESS') ? (
              <Card className="p-4 print:hidden">
                <h2 className="mb-3 text-base font-semibold text-slate-900">Decide</h2>
                <DecisionForm findingIds={[f.id]} onDecided={(res) => void onDecided(res)} />
              </Card>
            ) : null}
          </>
        ) : null}
      </QueryState>
    </>
  );
}
