'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useDeferredValue, useRef, useState } from 'react';
import { errorMessage, useTRPC } from '../../../_trpc/client.tsx';
import { Button } from '../../../_components/ui/button.tsx';
import { Notice } from '../../../_components/ui/card.tsx';
import { Checkbox, Field, inputClass, selectClass } from '@/app/_components/ui/field.tsx';
import { fieldError, serverFieldErrors } from '../_components/server-errors.ts';
import { SidePicker, type TSodItem } from './side-picker.tsx';
import type { TSodRule } from './sod-rules-view.tsx';

/** Edit a rule with a live answer to "who violates this today", before anything is saved. */
export function SodRuleEditor({
  rule,
  onDone,
  onCancel,
}: {
  rule: TSodRule | null;
  onDone: () => void;
  onCancel: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const items = useQuery(trpc.sod.items.queryOptions());
  const toItem = (i: TSodRule['sideA'][number]): TSodItem => ({
    ...i,
    risk: items.data?.find((x) => x.id === i.id)?.risk ?? 'LOW',
  });
  const [name, setName] = useState(rule?.name ?? '');
  const [description, setDescription] = useState(rule?.description ?? '');
  const [severity, setSeverity] = useState<'BLOCK' | 'MITIGATABLE'>(rule?.severity ?? 'BLOCK');
  const [enabled, setEnabled] = useState(rule?.enabled ?? true);
  const [sideA, setSideA] = useState<TSodItem[]>(() => rule?.sideA.map(toItem) ?? []);
  const [sideB, setSideB] = useState<TSodItem[]>(() => rule?.sideB.map(toItem) ?? []);
  const ref = (i: TSodItem) => ({ kind: i.kind, id: i.id });
  const draft = {
    ...(rule ? { id: rule.id } : {}),
    name: name.trim() || 'Draft rule',
    description,
    severity,
    enabled,
    sideA: sideA.map(ref),
    sideB: sideB.map(ref),
  };
  const previewInput = useDeferredValue(draft);
  const preview = useQuery({
    ...trpc.sod.previewRule.queryOptions(previewInput),
    enabled: sideA.length > 0 && sideB.length > 0 && previewInput.name.length >= 3,
  });
  const save = useMutation(
    trpc.sod.saveRule.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.sod.rules.queryKey() });
        onDone();
      },
    }),
  );
  const nameRef = useRef<HTMLInputElement>(null);
  // Checked here first, so the error is at the field before anything is sent.
  const [nameMissing, setNameMissing] = useState(false);
  const errors = serverFieldErrors(save.error);
  const all = items.data ?? [];

  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        if (!name.trim()) {
          setNameMissing(true);
          nameRef.current?.focus();
          return;
        }
        save.mutate({ ...draft, name: name.trim() });
      }}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="Name"
          required
          error={nameMissing ? 'Give the rule a name.' : fieldError(errors, 'name')}
        >
          <input
            ref={nameRef}
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              if (e.target.value.trim()) setNameMissing(false);
            }}
            maxLength={120}
            className={inputClass}
            placeholder="e.g. Payment segregation"
          />
        </Field>
        <Field label="When someone would hold both">
          <select
            value={severity}
            onChange={(e) => setSeverity(e.target.value as 'BLOCK' | 'MITIGATABLE')}
            className={`${selectClass} w-full`}
          >
            <option value="BLOCK">Block it</option>
            <option value="MITIGATABLE">Allow only with a mitigating control</option>
          </select>
        </Field>
        <Field label="Why" className="sm:col-span-2">
          <input
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            maxLength={1000}
            className={inputClass}
          />
        </Field>
      </div>
      <div className="grid gap-3 md:grid-cols-2">
        <SidePicker
          label="Side A"
          items={all}
          picked={sideA}
          onChange={setSideA}
          exclude={new Set(sideB.map((i) => i.id))}
        />
        <SidePicker
          label="Side B"
          items={all}
          picked={sideB}
          onChange={setSideB}
          exclude={new Set(sideA.map((i) => i.id))}
        />
      </div>
      {fieldError(errors, 'sideA') || fieldError(errors, 'sideB') ? (
        <p className="text-xs font-medium text-red-700">
          {fieldError(errors, 'sideA') ?? fieldError(errors, 'sideB')}
        </p>
      ) : null}
      <Checkbox
        label="On"
        checked={enabled}
        onChange={setEnabled}
        hint="A rule that is off is not checked anywhere."
      />
      <section
        aria-label="Who violates this today"
        className="rounded-md border border-slate-200 bg-slate-50 p-3 text-sm"
      >
        <h3 className="font-medium text-slate-900">Who violates this today</h3>
        {sideA.length === 0 || sideB.length === 0 ? (
          <p className="mt-1 text-slate-500">Pick both sides to see who holds both now.</p>
        ) : preview.isPending ? (
          <p className="mt-1 text-slate-500">Checking everyone’s access…</p>
        ) : preview.data ? (
          <>
            <p className="mt-1 text-slate-700">
              {preview.data.count === 0
                ? 'Nobody holds both sides today.'
                : `${preview.data.count} ${preview.data.count === 1 ? 'person holds' : 'people hold'} both sides today (${enabled ? `saving the rule records ${preview.data.count === 1 ? 'a violation' : 'their violations'} within a minute` : 'the rule is off: saving it records no violation'}):`}
            </p>
            <ul className="mt-2 space-y-2">
              {preview.data.violators.map((v) => (
                <li key={v.person.id}>
                  <span className="font-medium text-slate-900">{v.person.displayName}</span>
                  {v.person.title ? <span className="text-slate-500"> · {v.person.title}</span> : null}
                  <p className="text-slate-600">{v.explanation}</p>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
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
