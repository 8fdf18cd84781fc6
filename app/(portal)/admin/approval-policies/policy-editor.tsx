'use client';

import type { RiskLevel } from '@/prisma/generated/enums.ts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage, useTRPC } from '../../../_trpc/client.tsx';
import { Button } from '../../../_components/ui/button.tsx';
import { Notice } from '../../../_components/ui/card.tsx';
import { Field, inputClass, selectClass } from '@/app/_components/ui/field.tsx';
import { fieldError, serverFieldErrors } from '../_components/server-errors.ts';
import type { TPolicy } from './policies-view.tsx';
import { StageEditor, type TStageDraft } from './stage-editor.tsx';
import { RiskOptions } from '@/app/_components/ui/risk-options.tsx';

type TRisk = RiskLevel;
const newStage = (n: number): TStageDraft => ({
  name: n === 0 ? 'Manager approval' : `Stage ${n + 1}`,
  approvers: n === 0 ? [{ type: 'MANAGER' }] : [],
  mode: 'ANY',
  quorum: 1,
  slaHours: null,
  reminderHours: null,
});

export function PolicyEditor({
  policy,
  teams,
  people,
  onCancel,
  onDone,
}: {
  policy: TPolicy | null;
  teams: Array<{ key: string; name: string; members: number }>;
  people: Array<{ id: string; displayName: string }>;
  onCancel: () => void;
  onDone: (name: string) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [names] = useState(() => new Map(people.map((p) => [p.id, p.displayName])));
  const [key, setKey] = useState(policy?.key ?? '');
  const [name, setName] = useState(policy?.name ?? '');
  const [description, setDescription] = useState(policy?.description ?? '');
  const [risk, setRisk] = useState<TRisk | ''>(policy?.defaultForRisk ?? '');
  const [stages, setStages] = useState<TStageDraft[]>(() => policy?.stages ?? [newStage(0)]);
  const save = useMutation(
    trpc.approvalPolicies.save.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.approvalPolicies.list.queryKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.approvalPolicies.targets.queryKey() });
        onDone(name.trim());
      },
    }),
  );
  const errors = serverFieldErrors(save.error);
  const move = (i: number, delta: -1 | 1) =>
    setStages((s) => {
      const next = [...s];
      const [item] = next.splice(i, 1);
      next.splice(i + delta, 0, item!);
      return next;
    });

  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({
          ...(policy ? { id: policy.id } : {}),
          key: key.trim(),
          name: name.trim(),
          description: description.trim(),
          defaultForRisk: risk || null,
          stages,
        });
      }}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Name" required error={fieldError(errors, 'name')}>
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={120}
            className={inputClass}
            placeholder="e.g. High risk: manager, owner, security"
          />
        </Field>
        <Field
          label="Key"
          required
          hint="Lower-case letters, digits and dashes."
          error={fieldError(errors, 'key')}
        >
          <input
            value={key}
            onChange={(e) => setKey(e.target.value)}
            maxLength={63}
            spellCheck={false}
            className={`${inputClass} font-mono`}
            placeholder="high-risk"
          />
        </Field>
        <Field label="Description" className="sm:col-span-2">
          <input
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            maxLength={1000}
            className={inputClass}
          />
        </Field>
        <Field label="Default for risk level" hint="Items of this risk without a policy of their own use it.">
          <select
            value={risk}
            onChange={(e) => setRisk(e.target.value as TRisk | '')}
            className={`${selectClass} w-full`}
          >
            <option value="">Not a default</option>
            <RiskOptions suffix=" risk" />
          </select>
        </Field>
      </div>
      <div className="space-y-3">
        {stages.map((s, i) => (
          <StageEditor
            key={i}
            stage={s}
            index={i}
            count={stages.length}
            teams={teams}
            people={names}
            onChange={(next) => setStages((all) => all.map((x, j) => (j === i ? next : x)))}
            onMove={(d) => move(i, d)}
            onRemove={() => setStages((all) => all.filter((_, j) => j !== i))}
          />
        ))}
        {fieldError(errors, 'stages') ? (
          <p className="text-xs font-medium text-red-700">{fieldError(errors, 'stages')}</p>
        ) : null}
        <Button
          variant="secondary"
          size="sm"
          disabled={stages.length >= 8}
          onClick={() => setStages((s) => [...s, newStage(s.length)])}
        >
          Add a stage
        </Button>
      </div>
      {save.error ? <Notice tone="error">{errorMessage(save.error)}</Notice> : null}
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : policy ? 'Save policy' : 'Create policy'}
        </Button>
      </div>
    </form>
  );
}
