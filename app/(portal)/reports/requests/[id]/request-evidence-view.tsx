'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import type { TRequestEvidenceView } from '@/server/trpc/routers/request-reports/get-request-evidence.schema.ts';
import { useTRPC } from '../../../../_trpc/client.tsx';
import { RiskBadge, StateBadge } from '../../../../_components/ui/badge.tsx';
import { Button } from '../../../../_components/ui/button.tsx';
import { Notice } from '../../../../_components/ui/card.tsx';
import { formatInstant } from '../../../../_components/ui/format.ts';
import { SentenceText } from '../../../../_components/ui/day-text.tsx';
import { QueryState } from '../../../../_components/ui/query-state.tsx';
import { Timeline } from '../../../requests/timeline.tsx';
import { EvidenceChain } from './evidence-chain.tsx';
import { EvidenceGrant, EvidenceProvisioning } from './evidence-outcome.tsx';
import { EvidenceSection, Facts, TargetId } from './evidence-parts.tsx';
import { EvidenceSod } from './evidence-sod.tsx';
import { useDocumentTitle } from '@/app/_components/use-document-title.ts';
import { justificationQuestion } from '@/server/shared/justification-question.ts';

const person = (p: {
  displayName: string;
  username: string;
  title: string | null;
  department: string | null;
}) =>
  `${p.displayName} (${p.username})${p.title || p.department ? `, ${[p.title, p.department].filter(Boolean).join(', ')}` : ''}`;

/** One request's evidence as a document an auditor can print and hand on. */
export function RequestEvidenceView({ id }: { id: string }) {
  const trpc = useTRPC();
  const evidence = useQuery(trpc.requestReports.getEvidence.queryOptions({ id }));
  const r = evidence.data?.request;
  useDocumentTitle(r ? [`${r.number} ${r.item.name}`, 'Requests'] : null);
  return (
    <QueryState query={evidence} loading="Loading the request's evidence">
      {evidence.data ? <EvidenceDocument e={evidence.data} /> : null}
    </QueryState>
  );
}

function EvidenceDocument({ e }: { e: TRequestEvidenceView }) {
  const r = e.request;
  return (
    <article aria-labelledby="evidence-title" className="min-w-0">
      <div className="mb-4 flex flex-wrap items-center justify-between gap-2 print:hidden">
        <Link href="/reports/requests" className="text-sm font-medium text-brand-700 hover:underline">
          ← All requests
        </Link>
        <Button variant="secondary" onClick={() => window.print()}>
          Print
        </Button>
      </div>
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="text-sm text-slate-500">Access request evidence</p>
          <h1
            id="evidence-title"
            className="text-2xl font-semibold tracking-tight break-words text-slate-900"
          >
            <span className="font-mono">{r.number}</span>: {r.kind === 'EXTEND' ? 'extend ' : ''}
            {r.item.name}
          </h1>
          <p className="mt-1 text-sm text-slate-600">
            <SentenceText
              text={`for ${r.beneficiary.displayName} · submitted ${formatInstant(r.createdAt)} · prepared ${formatInstant(e.generatedAt)}`}
            />
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <RiskBadge risk={r.item.risk} />
          <StateBadge state={r.status} />
        </div>
      </header>

      <EvidenceSection title="The request" id="ev-request">
        <Facts
          items={[
            [
              'Request number',
              <span key="n" className="font-mono">
                {r.number}
              </span>,
            ],
            ['Request id', <TargetId key="i">{r.id}</TargetId>],
            [
              'Access',
              `${r.item.name} (${r.item.kind === 'ROLE' ? 'role' : `entitlement in ${r.item.applicationName}`})`,
            ],
            ...(r.item.targetId
              ? ([['In the target', <TargetId key="t">{r.item.targetId}</TargetId>]] as Array<
                  [string, React.ReactNode]
                >)
              : []),
            ['Asked by', person(r.requester)],
            ['For', person(r.beneficiary)],
            [
              justificationQuestion(r.beneficiary.displayName),
              <span key="j" className="whitespace-pre-wrap">
                {r.justification}
              </span>,
            ],
            ['End date asked for', r.requestedEndsAt ? formatInstant(r.requestedEndsAt) : 'None'],
            [
              'End date approved',
              r.status === 'APPROVED' ? (r.approvedEndsAt ? formatInstant(r.approvedEndsAt) : 'None') : '—',
            ],
            ['Decided', r.decidedAt ? formatInstant(r.decidedAt) : 'Not yet'],
          ]}
        />
      </EvidenceSection>

      <EvidenceSection title="Submitted together" id="ev-batch">
        <ul className="space-y-1 text-sm" aria-label="Items of the submission">
          {e.batch.map((b) => (
            <li key={b.id} className="flex flex-wrap items-baseline gap-x-2">
              {b.isThis ? (
                <span className="font-mono font-medium">{b.number}</span>
              ) : (
                <Link href={`/reports/requests/${b.id}`} className="font-mono text-brand-700 hover:underline">
                  {b.number}
                </Link>
              )}
              <span>
                {b.itemName}
                {b.applicationName ? ` in ${b.applicationName}` : ''}
              </span>
              <StateBadge state={b.status} />
              {b.isThis ? <span className="text-xs text-slate-500">(this request)</span> : null}
            </li>
          ))}
        </ul>
      </EvidenceSection>

      <EvidenceSection title="Approval" id="ev-approval">
        {e.autoApproval ? (
          <Notice tone="success">
            Approved automatically by the rule “{e.autoApproval.ruleName}”
            {e.autoApproval.condition
              ? `, which approves ${e.autoApproval.condition} (as the rule reads now)`
              : ''}
            .{e.autoApproval.description ? ` ${e.autoApproval.description}` : ''}
          </Notice>
        ) : null}
        {e.chain.length ? (
          <EvidenceChain chain={e.chain} />
        ) : !e.autoApproval ? (
          <p className="text-sm text-slate-600">No approval chain was recorded for this request.</p>
        ) : null}
      </EvidenceSection>

      <EvidenceSection title="Segregation of duties" id="ev-sod">
        <EvidenceSod sod={e.sod} />
      </EvidenceSection>

      <EvidenceSection title="Provisioning" id="ev-provisioning">
        <EvidenceProvisioning operations={e.provisioning} />
      </EvidenceSection>

      <EvidenceSection title="Resulting access" id="ev-grant">
        <EvidenceGrant grant={e.grant} kind={r.kind} />
      </EvidenceSection>

      <EvidenceSection title="Timeline" id="ev-timeline">
        <Timeline events={e.timeline} />
      </EvidenceSection>
    </article>
  );
}
