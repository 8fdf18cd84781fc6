import Link from 'next/link';
import { requestNumber } from '@/server/shared/request-number.ts';
import { justificationQuestion } from '@/server/shared/justification-question.ts';
import { Badge } from '../../../../_components/ui/badge.tsx';
import { formatDate, formatDateTime } from '../../../../_components/ui/format.ts';
import type { TGrantEvidence } from '../../_components/types.ts';
import { Facts } from './section.tsx';
import { DayText, SentenceText } from '@/app/_components/ui/day-text.tsx';

type TRequest = TGrantEvidence['requests'][number];

const DECISION_TONE = {
  APPROVED: 'green',
  DENIED: 'red',
  PENDING: 'amber',
  SKIPPED: 'gray',
  CANCELLED: 'gray',
} as const;
const REASON_LABEL: Record<string, string> = {
  MANAGER: 'manager',
  ENTITLEMENT_OWNER: 'owner of the item',
  APPLICATION_OWNER: 'application owner',
  TEAM: 'team member',
  PERSON: 'named approver',
  ESCALATION: 'escalation',
  SELF_REROUTE: 'rerouted (own request)',
};
const STATUS_WORD = {
  APPROVED: 'Approved',
  DENIED: 'Denied',
  PENDING: 'Pending',
  SKIPPED: 'Skipped',
  CANCELLED: 'Cancelled',
  WAITING: 'Waiting',
  EXPIRED: 'Expired',
} as const;

/** One request behind the grant: who asked, why, each stage and each approver's decision, and the SoD check. */
export function RequestChain({ request: r }: { request: TRequest }) {
  return (
    <article aria-label={`Request ${requestNumber(r.id)}`} className="mb-4 last:mb-0">
      <h3 className="mb-2 text-sm font-semibold break-all text-slate-800">
        {r.kind === 'EXTEND' ? 'Extension request' : 'Request'}{' '}
        <Link
          href={`/reports/requests/${r.id}`}
          className="font-mono text-xs text-brand-700 hover:underline print:no-underline"
        >
          {requestNumber(r.id)}
        </Link>{' '}
        <Badge tone={r.status === 'APPROVED' ? 'green' : 'gray'}>{STATUS_WORD[r.status]}</Badge>
      </h3>
      <Facts
        facts={[
          [
            'Asked by',
            `${r.requester.displayName}${r.requester.id !== r.beneficiary.id ? ` for ${r.beneficiary.displayName}` : ''}`,
          ],
          ['Asked on', formatDateTime(r.createdAt)],
          [justificationQuestion(r.beneficiary.displayName), <q key="j">{r.justification}</q>],
          ['End asked for', r.requestedEndsAt ? formatDate(r.requestedEndsAt) : 'None'],
          [
            'End approved',
            r.approvedEndsAt ? formatDate(r.approvedEndsAt) : r.status === 'APPROVED' ? 'None' : '—',
          ],
          ['Decided', formatDateTime(r.decidedAt)],
        ]}
      />
      {r.agentTokenId ? (
        <p className="mt-3 text-sm text-slate-700">
          <Badge tone="blue">AI agent</Badge> Requested by an AI agent on behalf of {r.requester.displayName}{' '}
          (API token <code className="font-mono text-xs break-all">{r.agentTokenId}</code>)
        </p>
      ) : null}
      {r.autoApprovedBy ? (
        <p className="mt-3 text-sm text-slate-700">
          Approved automatically by the rule “{r.autoApprovedBy.name}”: no person decided it.
        </p>
      ) : null}
      {r.stages.length ? (
        <ol className="mt-3 space-y-2" aria-label="Approval chain">
          {r.stages.map((st) => (
            <li key={st.position} className="rounded-md border border-slate-200 p-3">
              <p className="text-sm font-medium text-slate-800">
                Stage {st.position + 1}: {st.name}{' '}
                <Badge tone={DECISION_TONE[st.status as keyof typeof DECISION_TONE] ?? 'gray'}>
                  {STATUS_WORD[st.status]}
                </Badge>
                <span className="ml-1 text-xs font-normal text-slate-500">
                  {st.mode === 'ANY'
                    ? 'any one approver'
                    : st.mode === 'ALL'
                      ? 'every approver'
                      : `${st.quorum} approvers`}
                  {st.kind === 'SOD_MITIGATION' ? ' · SoD mitigation' : ''}
                </span>
              </p>
              <ul className="mt-2 space-y-1.5 text-sm">
                {st.steps.map((s) => (
                  <li key={s.id} className="min-w-0 break-words">
                    <Badge tone={DECISION_TONE[s.status]}>{STATUS_WORD[s.status]}</Badge>{' '}
                    <strong className="font-medium">
                      {s.decidedBy?.displayName ?? s.approver.displayName}
                    </strong>
                    {s.decidedBy && s.decidedBy.id !== s.approver.id
                      ? ` on behalf of ${s.approver.displayName}`
                      : ''}
                    <span className="text-slate-500">
                      {' '}
                      ({REASON_LABEL[s.reason] ?? s.reason.toLowerCase()})
                    </span>
                    {s.decidedAt ? (
                      <span className="text-slate-500">
                        {' '}
                        · <DayText at={s.decidedAt} to="minute" />
                      </span>
                    ) : null}
                    {s.comment ? <span className="block text-slate-700">“{s.comment}”</span> : null}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      ) : null}
      <div className="mt-3 text-sm">
        <p className="font-medium text-slate-800">
          Segregation of duties when it was checked
          {r.sod?.checkedAt ? <SentenceText text={` (${formatDateTime(r.sod.checkedAt)})`} /> : ''}
        </p>
        {!r.sod ? (
          <p className="text-slate-500">No check was recorded with this request.</p>
        ) : r.sod.conflicts.length === 0 ? (
          <p className="text-slate-600">No conflict.</p>
        ) : (
          <ul className="mt-1 space-y-1">
            {r.sod.conflicts.map((c) => (
              <li key={c.ruleName} className="break-words">
                <Badge tone={c.status === 'MITIGATED' ? 'amber' : 'red'}>
                  {c.status === 'MITIGATED'
                    ? 'Mitigated'
                    : c.status === 'BLOCKED'
                      ? 'Blocked'
                      : 'Needed a mitigation'}
                </Badge>{' '}
                {c.explanation}
                {c.mitigation ? (
                  <span className="block text-slate-600">
                    Control: {c.mitigation.control} (until <DayText at={c.mitigation.expiresAt} />)
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {r.mitigationsInForce.length ? (
          <>
            <p className="mt-2 font-medium text-slate-800">
              Mitigating controls in force when it was decided
            </p>
            <ul className="mt-1 space-y-1">
              {r.mitigationsInForce.map((m) => (
                <li key={m.id} className="break-words">
                  {m.ruleName}: {m.control}{' '}
                  <span className="text-slate-500">
                    (from <DayText at={m.createdAt} /> until <DayText at={m.revokedAt ?? m.expiresAt} />)
                  </span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
    </article>
  );
}
