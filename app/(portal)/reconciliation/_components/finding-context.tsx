import { Badge, RiskBadge } from '../../../_components/ui/badge.tsx';
import { formatDate } from '../../../_components/ui/format.ts';
import { DECISION_LABEL, KIND_LABEL, STATUS_LABEL, STATUS_TONE } from './labels.ts';
import type { TFinding } from './types.ts';
import { DayText, SentenceText } from '@/app/_components/ui/day-text.tsx';

/*
 * The pieces of a finding's context, shared by the queue's rows and a finding's page: who, what,
 * who else holds it, SoD, and where the decision stands.
 */

export function KindCell({ f }: { f: TFinding }) {
  return (
    <div className="min-w-0">
      <span className="font-medium text-slate-900">{KIND_LABEL[f.kind]}</span>
      <span className="block text-xs text-slate-500">{f.application.name}</span>
    </div>
  );
}

export function PersonCell({ f }: { f: TFinding }) {
  const p = f.person;
  if (!p) return <span className="text-slate-500">No person</span>;
  return (
    <div className="min-w-0">
      <span className="font-medium text-slate-900">{p.displayName}</span>{' '}
      {p.isLeaver ? (
        <Badge tone="red">Leaver</Badge>
      ) : p.status !== 'ACTIVE' ? (
        <Badge tone="gray">{p.status.toLowerCase()}</Badge>
      ) : null}
      <span className="block text-xs text-slate-500">
        {p.username}
        {p.department ? ` · ${p.department}` : ''}
      </span>
      {p.manager ? (
        <span className="block text-xs text-slate-600">Manager: {p.manager.displayName}</span>
      ) : null}
    </div>
  );
}

export function WhatCell({ f }: { f: TFinding }) {
  return (
    <div className="min-w-0 space-y-0.5">
      {f.entitlement ? (
        <div>
          {f.entitlement.name} <RiskBadge risk={f.entitlement.risk} />
        </div>
      ) : null}
      {f.account.username ? (
        <div className="text-xs text-slate-600">
          Account {f.account.username}
          {f.account.enabled === false ? ' (disabled)' : f.account.enabled ? ' (enabled)' : ''}
        </div>
      ) : null}
      {f.account.nativeId && f.account.nativeId !== f.account.username ? (
        <code className="block font-mono text-xs break-all text-slate-500">{f.account.nativeId}</code>
      ) : null}
      {f.drift ? (
        <div className="text-xs text-slate-700">
          {f.drift.attribute}: <span className="font-mono break-all">{f.drift.actual || '(empty)'}</span> in
          the target, <span className="font-mono break-all">{f.drift.expected || '(empty)'}</span> expected
        </div>
      ) : null}
    </div>
  );
}

export function SinceCell({ f }: { f: TFinding }) {
  return (
    <div className="text-xs whitespace-nowrap text-slate-700">
      <div>First seen {formatDate(f.firstSeenAt)}</div>
      <div className="text-slate-500">Last seen {formatDate(f.lastSeenAt)}</div>
    </div>
  );
}

export function HoldersCell({ f }: { f: TFinding }) {
  if (!f.holders) return <span className="text-slate-500">—</span>;
  if (f.holders.count === 0) return <p className="text-xs text-slate-600">Nobody else</p>;
  const more = f.holders.count - f.holders.names.length;
  return (
    <p className="text-xs text-slate-700">
      <strong>{f.holders.count}</strong> {f.holders.count === 1 ? 'person' : 'people'}:{' '}
      {f.holders.names.join(', ')}
      {more > 0 ? ` and ${more} more` : ''}
    </p>
  );
}

export function SodCell({ f }: { f: TFinding }) {
  if (!f.sod) return <span className="text-slate-500">—</span>;
  if (f.sod.conflicts.length === 0) return <Badge tone="green">No conflict</Badge>;
  return (
    <ul className="space-y-1">
      {f.sod.conflicts.map((c) => (
        <li key={c.ruleName}>
          <Badge tone={c.severity === 'BLOCK' ? 'red' : 'amber'} title={c.explanation}>
            {c.severity === 'BLOCK' ? 'Conflicts' : 'Needs mitigation'}: {c.ruleName}
          </Badge>
        </li>
      ))}
    </ul>
  );
}

/** What the person's manager was asked, and said: a badge in the queue, a line on the finding. */
export function ManagerAnswer({ f }: { f: TFinding }) {
  const a = f.managerAsk;
  if (!a) return null;
  if (!a.answer)
    return (
      <div className="text-slate-600">
        <Badge tone="gray">Asked {a.managerName}</Badge> <DayText at={a.askedAt} />
      </div>
    );
  return (
    <div className="text-slate-600">
      <Badge tone={a.answer === 'EXPECTED' ? 'green' : 'amber'}>
        {a.answer === 'EXPECTED' ? 'Manager: expected' : 'Manager: not expected'}
      </Badge>{' '}
      {a.managerName}, <DayText at={a.answeredAt} />
      {a.comment ? <span className="block break-words text-slate-500">“{a.comment}”</span> : null}
    </div>
  );
}

export function StatusCell({ f, outcome }: { f: TFinding; outcome?: string }) {
  const d = f.decision;
  // An adoption that waits for the entitlement owner is IN_PROGRESS with nothing being carried out yet.
  const waiting = f.status === 'IN_PROGRESS' && d.decision === 'ADOPT';
  return (
    <div className="min-w-0 space-y-1 text-xs">
      <Badge tone={waiting ? 'amber' : STATUS_TONE[f.status]}>
        {waiting ? 'Waiting for approval' : STATUS_LABEL[f.status]}
      </Badge>
      {d.decision ? (
        <div className="text-slate-600">
          {DECISION_LABEL[d.decision]}
          {d.decidedBy ? ` by ${d.decidedBy}` : ''}
          {d.decidedAt ? <SentenceText text={`, ${formatDate(d.decidedAt)}`} /> : ''}
          {d.exceptionUntil ? <SentenceText text={` · until ${formatDate(d.exceptionUntil)}`} /> : ''}
          {d.reason ? <span className="block break-words text-slate-500">“{d.reason}”</span> : null}
        </div>
      ) : null}
      <ManagerAnswer f={f} />
      {outcome ? (
        <div className={outcome === 'Decided' ? 'font-medium text-emerald-700' : 'font-medium text-red-700'}>
          {outcome}
        </div>
      ) : null}
    </div>
  );
}
