'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { requestRefText } from '@/server/shared/request-number.ts';
import { useTRPC } from '../../../../_trpc/client.tsx';
import { Badge, RiskBadge } from '../../../../_components/ui/badge.tsx';
import { Button } from '../../../../_components/ui/button.tsx';
import { PageHeader } from '../../../../_components/ui/card.tsx';
import { formatDate, formatDateTime } from '../../../../_components/ui/format.ts';
import { QueryState } from '../../../../_components/ui/query-state.tsx';
import { SOURCE_LABEL } from '../../_components/labels.ts';
import type { TGrantEvidence } from '../../_components/types.ts';
import { Operations } from './operations.tsx';
import { RequestChain } from './request-chain.tsx';
import { Facts, Section } from './section.tsx';
import { useDocumentTitle } from '@/app/_components/use-document-title.ts';
import { DayText, SentenceText } from '@/app/_components/ui/day-text.tsx';

/** One grant's whole chain of evidence, the page an auditor prints or hands on. */
export function GrantEvidenceView({ id }: { id: string }) {
  const trpc = useTRPC();
  const evidence = useQuery(trpc.reports.grantEvidence.queryOptions({ id }));
  const e = evidence.data;
  const item = e
    ? e.grant.entitlement
      ? e.grant.entitlement.name
      : `the business role ${e.grant.role?.name ?? ''}`
    : '';
  useDocumentTitle(e ? [`${e.grant.identity.displayName}: ${item}`, 'Grant evidence'] : null);
  return (
    <>
      <Link
        href="/reports/who-has"
        className="mb-3 inline-flex items-center gap-1 text-sm text-slate-600 hover:text-slate-900 print:hidden"
      >
        <span aria-hidden>←</span> Who has access
      </Link>
      <QueryState query={evidence} loading="Gathering the evidence">
        {e ? (
          <>
            <PageHeader
              title={`Why ${e.grant.identity.displayName} holds ${item}`}
              description={`The whole chain behind grant ${e.grant.id}, as recorded by Gatehouse. Printed ${formatDateTime(new Date())}.`}
              actions={
                <Button variant="secondary" onClick={() => window.print()} className="print:hidden">
                  Print
                </Button>
              }
            />
            <Summary e={e} />
            <Source e={e} />
            {e.grant.role ? <RoleContents e={e} /> : null}
            <Target e={e} />
            {e.reviews.length ? <Reviews e={e} /> : null}
            <Section title="Provisioning">
              <Operations operations={e.operations} />
            </Section>
          </>
        ) : null}
      </QueryState>
    </>
  );
}

const DECIDED = { KEEP: 'kept', REVOKE: 'revoked', REASSIGN: 'reassigned', ESCALATE: 'escalated' } as const;

/** The access reviews that looked at this grant: each decision, who took it and when. */
function Reviews({ e }: { e: TGrantEvidence }) {
  return (
    <Section title="Access reviews">
      <ul className="space-y-3 text-sm">
        {e.reviews.map((r) => (
          <li key={r.campaign.id}>
            <Link
              href={`/reports/reviews/${r.campaign.id}`}
              className="font-medium text-brand-700 hover:underline print:no-underline"
            >
              {r.campaign.name}
            </Link>
            {r.decisions.length ? (
              <ul className="mt-1 space-y-1 border-l-2 border-slate-200 pl-3">
                {r.decisions.map((d) => (
                  <li key={`${d.stage}-${d.decidedAt.toISOString()}`}>
                    Reviewed on <DayText at={d.decidedAt} />{' '}
                    {d.decider ? `by ${d.decider}` : 'automatically at the due date'}: {DECIDED[d.decision]}
                    {r.decisions.length > 1 || d.stage > 1 ? ` (stage ${d.stage})` : ''}
                    {d.comment ? (
                      <span className="block text-xs break-words text-slate-600">“{d.comment}”</span>
                    ) : null}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-slate-600">Not decided yet.</p>
            )}
          </li>
        ))}
      </ul>
    </Section>
  );
}

function Summary({ e }: { e: TGrantEvidence }) {
  const g = e.grant;
  const facts: Array<[string, React.ReactNode]> = [
    [
      'Person',
      `${g.identity.displayName} (${g.identity.username})${g.identity.department ? `, ${g.identity.department}` : ''}`,
    ],
    [
      'Access',
      g.entitlement ? (
        <span key="a">
          {g.entitlement.name} in {g.entitlement.application.name} <RiskBadge risk={g.entitlement.risk} />
        </span>
      ) : (
        <span key="a">
          Business role {g.role?.name} {g.role ? <RiskBadge risk={g.role.risk} /> : null}
        </span>
      ),
    ],
    ['Source', SOURCE_LABEL[g.source]],
    [
      'Status',
      <Badge key="s" tone={g.status === 'ACTIVE' ? 'green' : 'gray'}>
        {g.status === 'ACTIVE' ? 'Active' : g.status === 'REVOKED' ? 'Revoked' : 'Expired'}
      </Badge>,
    ],
    ['From', formatDateTime(g.startsAt)],
    ['End date', g.endsAt ? formatDateTime(g.endsAt) : 'None'],
  ];
  if (g.endedAt) facts.push(['Ended', formatDateTime(g.endedAt)]);
  if (g.revokedAt)
    facts.push([
      'Revoked',
      `${formatDateTime(g.revokedAt)}${g.revokedBy ? ` by ${g.revokedBy.displayName}` : ''}${g.revokeReason ? `: ${g.revokeReason}` : ''}`,
    ]);
  if (g.entitlement)
    facts.push([
      'Target identifier',
      <code key="x" className="font-mono text-xs break-all">
        {g.entitlement.externalId}
      </code>,
    ]);
  return (
    <Section title="The grant">
      <Facts facts={facts} />
    </Section>
  );
}

function Source({ e }: { e: TGrantEvidence }) {
  const g = e.grant;
  return (
    <Section title="Where it came from">
      {g.source === 'REQUEST' ? (
        e.requests.length ? (
          e.requests.map((r) => <RequestChain key={r.id} request={r} />)
        ) : (
          <p className="text-sm text-slate-600">
            A request ({g.sourceRef ? requestRefText(g.sourceRef) : 'no reference'}) that Gatehouse no longer
            holds.
          </p>
        )
      ) : g.source === 'BIRTHRIGHT' ? (
        e.rule ? (
          <div className="text-sm text-slate-800">
            <p>
              The birthright rule <strong>“{e.rule.name}”</strong>
              {e.rule.enabled ? '' : ' (disabled since)'}: {e.rule.description || 'no description'}
            </p>
            <p className="mt-1">
              Condition, as the rule reads now (rules keep no history of their conditions):{' '}
              {conditionText(e.rule.condition)}.
            </p>
          </div>
        ) : (
          <p className="text-sm text-slate-600">A birthright rule since deleted.</p>
        )
      ) : g.source === 'ADMIN' ? (
        <p className="text-sm text-slate-800">
          Granted by {g.grantedBy?.displayName ?? 'the identity team'} on{' '}
          <DayText at={g.createdAt} to="minute" />.
        </p>
      ) : g.source === 'RECONCILIATION' ? (
        <p className="text-sm text-slate-800">
          Adopted by reconciliation:{' '}
          {e.finding ? (
            <SentenceText
              text={`a ${e.finding.kind.toLowerCase().replaceAll('_', ' ')} in ${e.finding.application.name} found ${formatDateTime(e.finding.createdAt)}${e.finding.nativeId ? ` (target id ${e.finding.nativeId})` : ''}, ${e.finding.resolution ?? 'resolved'} ${formatDateTime(e.finding.resolvedAt)}.`}
            />
          ) : (
            `finding ${g.sourceRef ?? ''}, no longer held.`
          )}
          {e.finding?.decision === 'ADOPT' ? (
            <span className="mt-1 block break-words">
              Decided by {e.finding.decidedBy?.displayName ?? 'the application’s policy'}
              {e.finding.decidedAt ? (
                <SentenceText text={` on ${formatDateTime(e.finding.decidedAt)}`} />
              ) : (
                ''
              )}
              {e.finding.decisionReason ? `: “${e.finding.decisionReason}”` : ''}
              {e.finding.resolvedBy && e.finding.resolvedBy.id !== e.finding.decidedBy?.id
                ? `; approved by ${e.finding.resolvedBy.displayName}`
                : ''}
              .
            </span>
          ) : null}
        </p>
      ) : (
        <p className="text-sm text-slate-800">
          Created by the demo seed on <DayText at={g.createdAt} />.
        </p>
      )}
      {g.source !== 'REQUEST' && e.requests.length
        ? e.requests.map((r) => <RequestChain key={r.id} request={r} />)
        : null}
    </Section>
  );
}

function RoleContents({ e }: { e: TGrantEvidence }) {
  return (
    <Section title="What the role bundled while the grant lasted">
      {e.roleContents.length === 0 ? (
        <p className="text-sm text-slate-500">The role bundled nothing in that time.</p>
      ) : (
        <ul className="space-y-1 text-sm">
          {e.roleContents.map((c) => (
            <li key={`${c.entitlement.id}:${c.startedAt.toISOString()}`} className="break-words">
              {c.entitlement.name} <span className="text-slate-500">({c.entitlement.application.name})</span>{' '}
              · from <DayText at={c.startedAt} />
              {c.endedAt ? <SentenceText text={` until ${formatDate(c.endedAt)}`} /> : ', still in it'}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

function Target({ e }: { e: TGrantEvidence }) {
  return (
    <Section title="In the target">
      {e.accounts.length === 0 ? (
        <p className="text-sm text-slate-500">No account for this access.</p>
      ) : (
        <ul className="space-y-3 text-sm">
          {e.accounts.map((a) => (
            <li key={a.id} className="min-w-0 break-words">
              <p>
                <strong className="font-medium">{a.application.name}</strong> account {a.username}
                {a.nativeId ? (
                  <>
                    , target id <code className="font-mono text-xs break-all">{a.nativeId}</code>
                  </>
                ) : (
                  ', no target id yet'
                )}{' '}
                <Badge tone={a.status === 'ACTIVE' ? 'green' : 'gray'}>
                  {a.status === 'ACTIVE' ? 'Enabled' : a.status === 'DISABLED' ? 'Disabled' : 'Deleted'}
                </Badge>
              </p>
              <ul className="mt-1 space-y-0.5 text-slate-700">
                {a.periods.map((p) => (
                  <li key={`${p.entitlementId}:${p.startedAt.toISOString()}`}>
                    {p.entitlementName}: committed <DayText at={p.startedAt} to="minute" />,{' '}
                    {p.confirmedAt ? (
                      <SentenceText text={`confirmed by the target ${formatDateTime(p.confirmedAt)}`} />
                    ) : (
                      'never confirmed'
                    )}
                    {p.endedAt ? (
                      <SentenceText text={`, removed ${formatDateTime(p.endedAt)}`} />
                    ) : (
                      ', still held'
                    )}
                  </li>
                ))}
                {a.periods.length === 0 ? (
                  <li className="text-slate-500">No membership committed while the grant lasted.</li>
                ) : null}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

type TClause = { attribute?: string; op?: string; values?: string[] };

/** A birthright condition in words: "everyone", or its clauses joined by and/or. */
function conditionText(condition: unknown): string {
  const c = (condition ?? {}) as { match?: string; clauses?: TClause[] };
  const clauses = c.clauses ?? [];
  if (clauses.length === 0) return 'everyone';
  const op: Record<string, string> = {
    equals: 'is',
    notEquals: 'is not',
    in: 'is one of',
    startsWith: 'starts with',
  };
  return clauses
    .map((x) => `${x.attribute ?? '?'} ${op[x.op ?? ''] ?? x.op ?? ''} ${(x.values ?? []).join(', ')}`)
    .join(c.match === 'ANY' ? ' or ' : ' and ');
}
