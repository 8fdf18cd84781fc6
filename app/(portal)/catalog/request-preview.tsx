'use client';

import type { TPreviewRequestOutput } from '@/server/trpc/routers/requests/preview-request.schema.ts';
import { Badge } from '../../_components/ui/badge.tsx';
import { Button } from '../../_components/ui/button.tsx';

type TItemPreview = TPreviewRequestOutput['items'][number];
type TStage = TItemPreview['stages'][number];

const REASON: Record<string, string> = {
  MANAGER: 'manager',
  ENTITLEMENT_OWNER: 'owner',
  APPLICATION_OWNER: 'application owner',
  SELF_REROUTE: 'one level up: the usual approver is you or the person it is for',
  FALLBACK_ADMIN: 'identity team',
  SOD_MITIGATOR: 'security',
};

function names(stage: TStage) {
  return stage.approvers.map((a) => {
    const why = a.reason === 'TEAM' ? null : REASON[a.reason];
    return why ? `${a.displayName} (${why})` : a.displayName;
  });
}

/** One sentence per stage: who, and how many of them. */
export function stageSentence(stage: TStage): string {
  const people = names(stage);
  const team = stage.approvers.find((a) => a.team)?.team;
  const list =
    people.length > 1 ? `${people.slice(0, -1).join(', ')} and ${people.at(-1)}` : (people[0] ?? 'nobody');
  if (stage.kind === 'SOD_MITIGATION')
    return `a security officer records a mitigating control: ${people.length > 1 ? 'one of ' : ''}${list}`;
  if (stage.mode === 'QUORUM')
    return `${stage.required} of ${people.length}${team ? ` ${team}` : ''} approve: ${list}`;
  if (stage.mode === 'ALL' && people.length > 1) return `all of ${list} approve`;
  return people.length > 1 ? `any one of ${list} approves` : `${list} approves`;
}

const SOD_TONE = {
  BLOCKED: { box: 'border-red-200 bg-red-50 text-red-800', label: 'Blocked by segregation of duties' },
  NEEDS_MITIGATION: {
    box: 'border-amber-200 bg-amber-50 text-amber-900',
    label: 'Needs a mitigating control',
  },
  MITIGATED: { box: 'border-sky-200 bg-sky-50 text-sky-900', label: 'Allowed with a mitigating control' },
} as const;

/** "What will happen": per item, the chain in plain words, what stops it, and SoD with its reason. */
export function RequestPreview({
  preview,
  onSwap,
}: {
  preview: TPreviewRequestOutput;
  onSwap: (roleId: string, name: string) => void;
}) {
  return (
    <section
      aria-label="What will happen"
      className="rounded-md border border-slate-200 bg-slate-50/70 p-3 text-sm"
    >
      <h4 className="font-medium text-slate-900">What will happen</h4>
      <ul className="mt-2 space-y-3">
        {preview.items.map((item) => (
          <li key={item.id} aria-label={`What will happen to ${item.name}`}>
            <p className="font-medium text-slate-800">{item.name}</p>
            {item.problems
              .filter((p) => p.code !== 'SOD_CONFLICT')
              .map((p) => (
                <p key={p.code} className="mt-1 text-red-700">
                  {p.message}
                </p>
              ))}
            {item.autoApproval ? (
              <p className="mt-1 text-emerald-800">
                Approved at once by the rule “{item.autoApproval.ruleName}”.
              </p>
            ) : item.stages.length ? (
              <ol className="mt-1 list-decimal space-y-0.5 pl-5 text-slate-700">
                {item.stages.map((s, i) => (
                  <li key={i}>
                    <span className="font-medium">{s.name}</span>: {stageSentence(s)}.
                  </li>
                ))}
              </ol>
            ) : null}
            {item.policy && !item.autoApproval ? (
              <p className="mt-1 text-xs text-slate-500">
                Policy “{item.policy.name}”
                {item.policy.source === 'RISK_DEFAULT'
                  ? `, the default for ${item.risk.toLowerCase()} risk`
                  : item.policy.source === 'BUILT_IN'
                    ? ' (built in)'
                    : ''}
                .
              </p>
            ) : null}
            {item.sod.map((c) => (
              <div
                key={c.ruleName}
                role={c.status === 'BLOCKED' ? 'alert' : 'note'}
                className={`mt-2 rounded-md border px-3 py-2 ${SOD_TONE[c.status].box}`}
              >
                <p className="font-medium">{SOD_TONE[c.status].label}</p>
                <p className="mt-0.5">{c.explanation}</p>
              </div>
            ))}
          </li>
        ))}
      </ul>
      {preview.suggestions.map((s) => (
        <div key={s.roleId} className="mt-3 rounded-md border border-brand-100 bg-white px-3 py-2">
          <p className="text-slate-800">
            <Badge tone="indigo">Role</Badge> <span className="font-medium">{s.name}</span> already bundles{' '}
            {s.covers.join(', ')}
            {s.alsoGives.length ? `, with ${s.alsoGives.join(', ')}` : ''}.
          </p>
          <Button variant="secondary" size="sm" className="mt-2" onClick={() => onSwap(s.roleId, s.name)}>
            Request this role instead
          </Button>
        </div>
      ))}
    </section>
  );
}
