'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useDeferredValue, useState } from 'react';
import { useTRPC } from '../../../_trpc/client.tsx';
import { Button } from '../../../_components/ui/button.tsx';
import { Card, Notice, PageHeader } from '../../../_components/ui/card.tsx';
import { Checkbox, Field, inputClass } from '@/app/_components/ui/field.tsx';
import { Select, TextField } from '@/app/_components/ui/text-field.tsx';
import { fieldError, serverFieldErrors } from '../_components/server-errors.ts';
import {
  ATTRIBUTE_LABEL,
  conditionText,
  OP_LABEL,
  type TAttribute,
  type TCondition,
  type TOp,
} from './condition-text.ts';
import { WhatIf } from './what-if.tsx';
import {
  confirmationFor,
  isHeldAsMassChange,
  MassChangeConfirm,
} from '../_components/mass-change-confirm.tsx';
import { errorMessage } from '@/app/_trpc/client.tsx';

export type TRuleDraft = {
  name: string;
  description: string;
  enabled: boolean;
  condition: TCondition;
  grants: Array<{ kind: 'ENTITLEMENT' | 'ROLE'; id: string }>;
};
type TStoredRule = TRuleDraft & { id: string; holders: number };

const toInput = (d: TRuleDraft) => ({
  name: d.name,
  description: d.description,
  enabled: d.enabled,
  condition: {
    match: d.condition.match,
    clauses: d.condition.clauses.map((c) => ({
      ...c,
      values: c.values.map((v) => v.trim()).filter(Boolean),
    })),
  },
  grants: d.grants.map((g) => (g.kind === 'ENTITLEMENT' ? { entitlementId: g.id } : { roleId: g.id })),
});
const isComplete = (d: TRuleDraft) =>
  d.name.trim() !== '' &&
  d.grants.length > 0 &&
  d.condition.clauses.every((c) => c.values.some((v) => v.trim()));

/** Edit a rule with the what-if beside it: who would gain and who would lose what, before saving. */
export function RuleEditor({ rule }: { rule: TStoredRule | null }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const items = useQuery(trpc.birthright.grantable.queryOptions());
  const [draft, setDraft] = useState<TRuleDraft>(
    () =>
      rule ?? {
        name: '',
        description: '',
        enabled: true,
        condition: { match: 'ALL', clauses: [] },
        grants: [],
      },
  );
  const [saved, setSaved] = useState(false);
  const [pick, setPick] = useState('');
  const update = (patch: Partial<TRuleDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setSaved(false);
  };
  const setClauses = (clauses: TCondition['clauses']) =>
    update({ condition: { ...draft.condition, clauses } });
  const deferred = useDeferredValue(draft);
  const save = useMutation(
    trpc.birthright.save.mutationOptions({
      onSuccess: async (r) => {
        await queryClient.invalidateQueries({ queryKey: trpc.birthright.list.queryKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.birthright.preview.queryKey() });
        if (!rule) router.push(`/admin/birthright/${r.id}?saved=1`);
        else setSaved(true);
      },
    }),
  );
  const errors = serverFieldErrors(save.error);
  // The what-if's query, shared through the cache: its verdict asks for the confirmation before the first try.
  const preview = useQuery({
    ...trpc.birthright.preview.queryOptions({
      ...(rule ? { ruleId: rule.id } : {}),
      draft: toInput(deferred),
    }),
    enabled: isComplete(deferred),
  });
  const [reason, setReason] = useState('');
  const heldByServer = isHeldAsMassChange(save.error);
  const isHeld = heldByServer || Boolean(preview.data?.massChange.isHeld);
  const itemName = (g: { kind: string; id: string }) =>
    items.data?.find((i) => i.id === g.id && i.kind === g.kind);

  return (
    <>
      <PageHeader
        title={rule ? rule.name : 'New birthright rule'}
        description={conditionText(draft.condition)}
      />
      <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_24rem]">
        <form
          className="min-w-0 space-y-5"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate({
              ...(rule ? { ruleId: rule.id } : {}),
              draft: toInput(draft),
              ...confirmationFor(isHeld, reason),
            });
          }}
        >
          <Card className="p-5">
            <div className="grid gap-4 sm:grid-cols-2">
              <Field label="Name" required error={fieldError(errors, 'draft')}>
                <input
                  value={draft.name}
                  onChange={(e) => update({ name: e.target.value })}
                  maxLength={120}
                  className={inputClass}
                />
              </Field>
              <div className="flex items-end pb-2">
                <Checkbox
                  label="Enabled"
                  hint="A disabled rule grants nothing; its access goes."
                  checked={draft.enabled}
                  onChange={(enabled) => update({ enabled })}
                />
              </div>
              <Field label="Description" className="sm:col-span-2">
                <input
                  value={draft.description}
                  onChange={(e) => update({ description: e.target.value })}
                  maxLength={1000}
                  className={inputClass}
                />
              </Field>
            </div>
          </Card>

          <Card className="p-5">
            <h2 className="font-semibold text-slate-900">Who it applies to</h2>
            <div className="mt-2 flex items-center gap-2 text-sm text-slate-700">
              People matching
              <Select
                label="Match"
                labelHidden
                value={draft.condition.match}
                onChange={(e) =>
                  update({ condition: { ...draft.condition, match: e.target.value as 'ALL' | 'ANY' } })
                }
              >
                <option value="ALL">all of</option>
                <option value="ANY">any of</option>
              </Select>
              these conditions{' '}
              {draft.condition.clauses.length === 0 ? (
                <em className="text-slate-500">(none: everyone)</em>
              ) : null}
            </div>
            <ul className="mt-3 space-y-2" aria-label="Conditions">
              {draft.condition.clauses.map((c, i) => (
                <li key={i} className="flex flex-wrap items-center gap-2">
                  <Select
                    label={`Condition ${i + 1} attribute`}
                    labelHidden
                    value={c.attribute}
                    onChange={(e) =>
                      setClauses(
                        draft.condition.clauses.map((x, j) =>
                          j === i ? { ...x, attribute: e.target.value as TAttribute } : x,
                        ),
                      )
                    }
                  >
                    {Object.entries(ATTRIBUTE_LABEL).map(([k, label]) => (
                      <option key={k} value={k}>
                        {label}
                      </option>
                    ))}
                  </Select>
                  <Select
                    label={`Condition ${i + 1} operator`}
                    labelHidden
                    value={c.op}
                    onChange={(e) =>
                      setClauses(
                        draft.condition.clauses.map((x, j) =>
                          j === i ? { ...x, op: e.target.value as TOp } : x,
                        ),
                      )
                    }
                  >
                    {Object.entries(OP_LABEL).map(([k, label]) => (
                      <option key={k} value={k}>
                        {label}
                      </option>
                    ))}
                  </Select>
                  <TextField
                    label={`Condition ${i + 1} values`}
                    labelHidden
                    value={c.values.join(', ')}
                    onChange={(e) =>
                      setClauses(
                        draft.condition.clauses.map((x, j) =>
                          j === i ? { ...x, values: e.target.value.split(',') } : x,
                        ),
                      )
                    }
                    placeholder={c.op === 'in' ? 'London, Berlin' : 'Finance'}
                    className="min-w-48 flex-1"
                  />
                  <Button
                    variant="ghost"
                    size="sm"
                    onClick={() => setClauses(draft.condition.clauses.filter((_, j) => j !== i))}
                    aria-label={`Remove condition ${i + 1}`}
                  >
                    Remove
                  </Button>
                </li>
              ))}
            </ul>
            <Button
              variant="secondary"
              size="sm"
              className="mt-3"
              onClick={() =>
                setClauses([
                  ...draft.condition.clauses,
                  { attribute: 'department', op: 'equals', values: [''] },
                ])
              }
            >
              Add condition
            </Button>
            <p className="mt-2 text-xs text-slate-500">
              Case-insensitive. Employment type values: EMPLOYEE, CONTRACTOR, INTERN, TEMPORARY.
            </p>
          </Card>

          <Card className="p-5">
            <h2 className="font-semibold text-slate-900">What it grants</h2>
            <ul className="mt-2 flex flex-wrap gap-1.5" aria-label="Granted access">
              {draft.grants.map((g) => (
                <li
                  key={g.id}
                  className="inline-flex items-center gap-1 rounded-md bg-brand-50 py-0.5 pr-0.5 pl-2 text-xs text-brand-800 ring-1 ring-brand-100"
                >
                  {itemName(g)?.name ?? '…'}
                  <span className="text-brand-700">· {itemName(g)?.application ?? 'role'}</span>
                  <button
                    type="button"
                    onClick={() => update({ grants: draft.grants.filter((x) => x.id !== g.id) })}
                    aria-label={`Remove ${itemName(g)?.name ?? 'item'}`}
                    className="rounded px-1 hover:bg-brand-100"
                  >
                    ×
                  </button>
                </li>
              ))}
              {draft.grants.length === 0 ? <li className="text-sm text-slate-500">Nothing yet.</li> : null}
            </ul>
            <div className="mt-3 flex gap-2">
              <Select
                label="Add access"
                labelHidden
                value={pick}
                onChange={(e) => setPick(e.target.value)}
                className="min-w-0 flex-1 sm:max-w-md"
              >
                <option value="">Choose a group, permission or role…</option>
                {items.data
                  ?.filter((i) => !draft.grants.some((g) => g.id === i.id))
                  .map((i) => (
                    <option key={`${i.kind}:${i.id}`} value={`${i.kind}:${i.id}`}>
                      {i.name} · {i.application ?? 'role'}
                    </option>
                  ))}
              </Select>
              <Button
                variant="secondary"
                disabled={!pick}
                onClick={() => {
                  const [kind, id] = pick.split(':') as ['ENTITLEMENT' | 'ROLE', string];
                  update({ grants: [...draft.grants, { kind, id }] });
                  setPick('');
                }}
              >
                Add
              </Button>
            </div>
          </Card>

          {isHeld ? (
            <MassChangeConfirm
              error={save.error}
              verdict={preview.data?.massChange ?? null}
              reason={reason}
              onReason={setReason}
              fieldError={fieldError(errors, 'confirmMassChange')}
            />
          ) : null}
          {save.error && !heldByServer ? (
            <Notice tone="error">{Object.values(errors)[0] ?? errorMessage(save.error)}</Notice>
          ) : null}
          {saved ? (
            <Notice tone="success">
              Saved. Everyone it affects is being recomputed and provisioned now.
            </Notice>
          ) : null}
          <div className="flex justify-end">
            <Button type="submit" disabled={save.isPending || !isComplete(draft)}>
              {save.isPending ? 'Saving…' : isHeld ? 'Confirm and save' : rule ? 'Save rule' : 'Create rule'}
            </Button>
          </div>
        </form>
        <aside aria-label="What if" className="min-w-0">
          <WhatIf ruleId={rule?.id} draft={isComplete(deferred) ? toInput(deferred) : null} />
        </aside>
      </div>
    </>
  );
}
