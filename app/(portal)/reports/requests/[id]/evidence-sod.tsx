import type { TRequestEvidenceView } from '@/server/trpc/routers/request-reports/get-request-evidence.schema.ts';
import { Badge } from '../../../../_components/ui/badge.tsx';
import { formatInstant } from '../../../../_components/ui/format.ts';
import { DayText, SentenceText } from '../../../../_components/ui/day-text.tsx';

const CONFLICT: Record<string, string> = {
  BLOCKED: 'blocked',
  NEEDS_MITIGATION: 'needed a mitigating control',
  MITIGATED: 'allowed by a mitigating control',
};
const MITIGATION = {
  IN_FORCE: { label: 'In force', tone: 'green' },
  EXPIRED: { label: 'Expired', tone: 'gray' },
  REVOKED: { label: 'Revoked', tone: 'red' },
} as const;

/** The segregation-of-duties checks the request went through, and the controls that bear on it. */
export function EvidenceSod({ sod }: { sod: TRequestEvidenceView['sod'] }) {
  return (
    <div className="space-y-4 text-sm">
      {sod.checks.length === 0 ? (
        <p className="text-slate-600">No segregation-of-duties check was recorded for this request.</p>
      ) : null}
      {sod.checks.map((c, i) => (
        <div key={i}>
          <p className="font-medium text-slate-900">
            {c.when === 'SUBMITTED' ? 'At submission' : 'At the last approval'}{' '}
            <span className="font-normal text-slate-500">
              (<DayText at={c.checkedAt} to="second" />)
            </span>
          </p>
          {c.conflicts.length === 0 ? (
            <p className="text-slate-600">No conflict with any rule.</p>
          ) : (
            <ul className="mt-1 list-disc space-y-1 pl-5">
              {c.conflicts.map((x, j) => (
                <li key={j} className="break-words">
                  <span className="font-medium">{x.ruleName}</span>
                  {x.severity ? (
                    <span className="text-slate-500">
                      {' '}
                      ({x.severity === 'BLOCK' ? 'blocking rule' : 'mitigatable rule'})
                    </span>
                  ) : null}
                  : {CONFLICT[x.status] ?? x.status}
                  {x.explanation ? <span className="block text-slate-600">{x.explanation}</span> : null}
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
      {sod.mitigations.length ? (
        <div>
          <p className="font-medium text-slate-900">
            Mitigating controls for the beneficiary and these rules
          </p>
          <ul className="mt-1 space-y-2">
            {sod.mitigations.map((m) => (
              <li key={m.id} className="rounded-md border border-slate-200 p-2">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <span className="font-medium break-words">{m.control}</span>
                  <Badge tone={MITIGATION[m.state].tone}>{MITIGATION[m.state].label}</Badge>
                </div>
                <p className="text-slate-600">
                  <SentenceText
                    text={`${m.ruleName} · recorded ${formatInstant(m.createdAt)}${m.recordedBy ? ` by ${m.recordedBy}` : ''}${m.recordedForThisRequest ? ' with this request’s approval' : ''} · expires ${formatInstant(m.expiresAt)}`}
                  />
                  {m.revokedAt ? <SentenceText text={` · revoked ${formatInstant(m.revokedAt)}`} /> : ''}
                  {m.inForceWhenDecided === true
                    ? ' · in force when the request was decided'
                    : m.inForceWhenDecided === false
                      ? ' · not in force when the request was decided'
                      : ''}
                </p>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
