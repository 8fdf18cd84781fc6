'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage, useTRPC } from '../../../_trpc/client.tsx';
import { Button } from '../../../_components/ui/button.tsx';
import { Notice } from '../../../_components/ui/card.tsx';
import { Checkbox, Field, inputClass, selectClass } from '@/app/_components/ui/field.tsx';
import { fieldError, serverFieldErrors } from '../_components/server-errors.ts';
import type { TAutoRule } from './auto-approval-view.tsx';
import { RiskOptions } from '@/app/_components/ui/risk-options.tsx';

type TCondition = TAutoRule['condition'];
const TYPES = ['EMPLOYEE', 'CONTRACTOR', 'INTERN', 'TEMPORARY'] as const;

export function AutoRuleForm({
  rule,
  onDone,
  onCancel,
}: {
  rule: TAutoRule | null;
  onDone: () => void;
  onCancel: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState(rule?.name ?? '');
  const [description, setDescription] = useState(rule?.description ?? '');
  const [enabled, setEnabled] = useState(rule?.enabled ?? true);
  const [c, setC] = useState<TCondition>(
    rule?.condition ?? {
      maxRisk: 'LOW',
      sameDepartmentAsOwner: true,
      departments: [],
      employmentTypes: ['EMPLOYEE'],
      itemKinds: [],
    },
  );
  const [departments, setDepartments] = useState((rule?.condition.departments ?? []).join(', '));
  const save = useMutation(
    trpc.approvalPolicies.saveAutoRule.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.approvalPolicies.autoRules.queryKey() });
        onDone();
      },
    }),
  );
  const errors = serverFieldErrors(save.error);
  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        const list = departments
          .split(',')
          .map((d) => d.trim())
          .filter(Boolean);
        save.mutate({
          ...(rule ? { id: rule.id } : {}),
          name: name.trim(),
          description: description.trim(),
          enabled,
          condition: { ...c, departments: list },
        });
      }}
    >
      <Field label="Name" required error={fieldError(errors, 'name')}>
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={120}
          className={inputClass}
        />
      </Field>
      <Field label="Description">
        <input
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          maxLength={1000}
          className={inputClass}
        />
      </Field>
      <Field label="Up to risk">
        <select
          value={c.maxRisk}
          onChange={(e) => setC({ ...c, maxRisk: e.target.value as TCondition['maxRisk'] })}
          className={`${selectClass} w-full`}
        >
          <RiskOptions />
        </select>
      </Field>
      <Checkbox
        label="Same department as the item’s owner"
        checked={c.sameDepartmentAsOwner}
        onChange={(v) => setC({ ...c, sameDepartmentAsOwner: v })}
      />
      <Field label="Only in these departments" hint="Comma-separated; empty for any.">
        <input
          value={departments}
          onChange={(e) => setDepartments(e.target.value)}
          className={inputClass}
          placeholder="Finance, Sales"
        />
      </Field>
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Employment types (none ticked: any)</legend>
        <div className="mt-1 grid grid-cols-2 gap-2">
          {TYPES.map((t) => (
            <Checkbox
              key={t}
              label={t.charAt(0) + t.slice(1).toLowerCase()}
              checked={c.employmentTypes.includes(t)}
              onChange={(on) =>
                setC({
                  ...c,
                  employmentTypes: on ? [...c.employmentTypes, t] : c.employmentTypes.filter((x) => x !== t),
                })
              }
            />
          ))}
        </div>
      </fieldset>
      <Field label="Applies to">
        <select
          value={c.itemKinds.length === 1 ? c.itemKinds[0] : ''}
          onChange={(e) =>
            setC({ ...c, itemKinds: e.target.value ? [e.target.value as 'ENTITLEMENT' | 'ROLE'] : [] })
          }
          className={`${selectClass} w-full`}
        >
          <option value="">Entitlements and roles</option>
          <option value="ENTITLEMENT">Entitlements only</option>
          <option value="ROLE">Roles only</option>
        </select>
      </Field>
      <Checkbox label="On" checked={enabled} onChange={setEnabled} />
      {save.error ? <Notice tone="error">{errorMessage(save.error)}</Notice> : null}
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" disabled={save.isPending}>
          {rule ? 'Save rule' : 'Create rule'}
        </Button>
      </div>
    </form>
  );
}
