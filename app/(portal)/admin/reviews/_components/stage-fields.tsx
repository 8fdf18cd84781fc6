'use client';

import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../../../_trpc/client.tsx';
import { Button } from '../../../../_components/ui/button.tsx';
import { Field, selectClass } from '@/app/_components/ui/field.tsx';
import { PeoplePicker } from '../../_components/people-picker.tsx';
import type { TStageDraft } from './campaign-form-state.ts';

const KINDS = [
  { value: 'MANAGER', label: "The person's manager" },
  { value: 'OWNER', label: "The entitlement's or role's owner" },
  { value: 'TEAM', label: 'Any member of a team' },
  { value: 'PERSON', label: 'A named person' },
] as const;

/** Up to three stages, each a kind of reviewer; an item kept at one stage goes to the next. */
export function StageFields({
  stages,
  onChange,
  error,
}: {
  stages: TStageDraft[];
  onChange: (s: TStageDraft[]) => void;
  error: string | null;
}) {
  const trpc = useTRPC();
  const teams = useQuery(trpc.reviews.reviewerTeams.queryOptions());
  const set = (i: number, patch: Partial<TStageDraft>) =>
    onChange(stages.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  return (
    <fieldset className="min-w-0 rounded-md border border-slate-200 p-3">
      <legend className="px-1 text-sm font-medium text-slate-700">Reviewers, stage by stage</legend>
      <ol className="space-y-3">
        {stages.map((s, i) => (
          <li
            key={i}
            className="grid gap-3 rounded-md bg-slate-50 p-3 sm:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_auto] sm:items-end"
          >
            <Field label={`Stage ${i + 1}`}>
              <select
                value={s.kind}
                onChange={(e) => set(i, { kind: e.target.value as TStageDraft['kind'] })}
                className={`${selectClass} w-full`}
              >
                {KINDS.map((k) => (
                  <option key={k.value} value={k.value}>
                    {k.label}
                  </option>
                ))}
              </select>
            </Field>
            {s.kind === 'TEAM' ? (
              <Field label={`Stage ${i + 1} team`}>
                <select
                  value={s.teamId}
                  onChange={(e) => set(i, { teamId: e.target.value })}
                  className={`${selectClass} w-full`}
                >
                  <option value="">Choose a team…</option>
                  {(teams.data ?? []).map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name} ({t.members} {t.members === 1 ? 'member' : 'members'})
                    </option>
                  ))}
                </select>
              </Field>
            ) : s.kind === 'PERSON' ? (
              <Field label={`Stage ${i + 1} reviewer`}>
                <PeoplePicker value={s.person} onChange={(person) => set(i, { person })} />
              </Field>
            ) : (
              <div className="hidden sm:block" />
            )}
            {stages.length > 1 ? (
              <Button
                type="button"
                variant="ghost"
                size="sm"
                onClick={() => onChange(stages.filter((_, j) => j !== i))}
                aria-label={`Remove stage ${i + 1}`}
              >
                Remove
              </Button>
            ) : null}
          </li>
        ))}
      </ol>
      {stages.length < 3 ? (
        <Button
          type="button"
          variant="secondary"
          size="sm"
          className="mt-3"
          onClick={() => onChange([...stages, { kind: 'OWNER', teamId: '', person: null }])}
        >
          Add a stage
        </Button>
      ) : null}
      {error ? <p className="mt-2 text-xs font-medium text-red-700">{error}</p> : null}
    </fieldset>
  );
}
