'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useTRPC } from '../../../_trpc/client.tsx';
import { Button } from '../../../_components/ui/button.tsx';
import { Card, Notice } from '../../../_components/ui/card.tsx';
import { Checkbox, Field, inputClass, selectClass } from '@/app/_components/ui/field.tsx';
import { fieldError, serverFieldErrors } from '../_components/server-errors.ts';
import {
  draftOf,
  MOVER_ATTRIBUTES,
  newDraft,
  toSaveInput,
  type TDraft,
  type TStoredSource,
} from './source-draft.ts';
import { KIND_LABEL } from './source-labels.tsx';
import { AttributePrecedenceCard, ColumnsCard, MatchingCard } from './source-mapping-cards.tsx';
import { QueryError } from '@/app/_components/ui/query-state.tsx';
import { describeCron } from '@/app/_components/ui/cron-text.ts';

/** Create or change a source: what it is, how its columns map, how it matches and ranks, and its safeguard. */
export function SourceEditor({
  source,
  hasConnectionString,
}: {
  source: TStoredSource | null;
  hasConnectionString: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [draft, setDraft] = useState<TDraft>(() => (source ? draftOf(source) : newDraft()));
  const [saved, setSaved] = useState(false);
  const update = (patch: Partial<TDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setSaved(false);
  };
  const save = useMutation(
    trpc.sources.save.mutationOptions({
      onSuccess: async (r) => {
        await queryClient.invalidateQueries({ queryKey: trpc.sources.list.queryKey() });
        if (!source) router.push(`/admin/sources/${r.id}`);
        else {
          await queryClient.invalidateQueries({
            queryKey: trpc.sources.get.queryKey({ sourceId: source.id }),
          });
          setDraft((d) => ({ ...d, connectionString: '' }));
          setSaved(true);
        }
      },
    }),
  );
  const errors = serverFieldErrors(save.error);
  const err = (f: string) => fieldError(errors, f);
  const isScim = draft.kind === 'SCIM';

  return (
    <form
      className="space-y-5"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(toSaveInput(draft, source?.id ?? null));
      }}
    >
      <Card className="p-5">
        <h2 className="font-semibold text-slate-900">Source</h2>
        <div className="mt-4 grid gap-4 sm:grid-cols-2">
          <Field label="Name" required error={err('name')}>
            <input
              value={draft.name}
              onChange={(e) => update({ name: e.target.value })}
              maxLength={120}
              className={inputClass}
            />
          </Field>
          <Field label="Key" required hint="Lower-case letters, digits and dashes." error={err('key')}>
            <input
              value={draft.key}
              onChange={(e) => update({ key: e.target.value })}
              maxLength={60}
              className={`${inputClass} font-mono`}
            />
          </Field>
          <Field label="Kind" error={err('kind')}>
            <select
              value={draft.kind}
              disabled={Boolean(source)}
              onChange={(e) => update({ kind: e.target.value as TDraft['kind'] })}
              className={`${selectClass} w-full`}
            >
              {Object.entries(KIND_LABEL).map(([k, label]) => (
                <option key={k} value={k}>
                  {label}
                </option>
              ))}
            </select>
          </Field>
          <Field
            label="Precedence"
            hint="Lower wins when two sources set the same attribute."
            error={err('precedence')}
          >
            <input
              type="number"
              min={0}
              max={10000}
              value={draft.precedence}
              onChange={(e) => update({ precedence: e.target.value })}
              className={`${inputClass} sm:w-32`}
            />
          </Field>
          {!isScim ? (
            <Field
              label="Schedule (cron)"
              hint={
                draft.kind === 'HR_CSV'
                  ? `${withReading(draft.schedule, 'Checks the folder on this schedule')}; it is also checked every minute. Empty: on demand.`
                  : `${withReading(draft.schedule, 'e.g. “15 * * * *” for hourly')}. Empty: on demand only.`
              }
              error={err('schedule')}
            >
              <input
                value={draft.schedule}
                onChange={(e) => update({ schedule: e.target.value })}
                placeholder="15 * * * *"
                className={`${inputClass} font-mono`}
              />
            </Field>
          ) : null}
          <div className="flex items-end pb-2">
            <Checkbox label="Enabled" checked={draft.enabled} onChange={(enabled) => update({ enabled })} />
          </div>
        </div>
      </Card>

      {draft.kind === 'HR_CSV' ? (
        <Card className="p-5">
          <h2 className="font-semibold text-slate-900">File</h2>
          <div className="mt-4 grid gap-4 sm:grid-cols-3">
            <Field
              label="Drop folder"
              hint="A folder inside the data folder, or inside one the operator allows (GATEHOUSE_SOURCE_FOLDERS). New .csv files become runs; processed ones move to processed/."
              error={err('config.folder')}
              className="sm:col-span-3"
            >
              <input
                value={draft.folder}
                onChange={(e) => update({ folder: e.target.value })}
                placeholder="/srv/hr/inbox"
                className={`${inputClass} font-mono`}
              />
            </Field>
            <Field label="Delimiter" error={err('config.delimiter')}>
              <select
                value={draft.delimiter}
                onChange={(e) => update({ delimiter: e.target.value })}
                className={`${selectClass} w-full`}
              >
                <option value=",">Comma ,</option>
                <option value=";">Semicolon ;</option>
                <option value={'\t'}>Tab</option>
                <option value="|">Pipe |</option>
              </select>
            </Field>
            <Field label="Date format" error={err('config.dateFormat')}>
              <DateFormat value={draft.dateFormat} onChange={(dateFormat) => update({ dateFormat })} />
            </Field>
          </div>
        </Card>
      ) : null}

      {draft.kind === 'HR_DATABASE' ? (
        <Card className="p-5">
          <h2 className="font-semibold text-slate-900">Database</h2>
          <div className="mt-4 grid gap-4">
            <Field
              label="Query"
              required
              hint="One SELECT, run read-only through a cursor. Its columns are mapped below."
              error={err('config.query')}
            >
              <textarea
                value={draft.query}
                onChange={(e) => update({ query: e.target.value })}
                rows={4}
                spellCheck={false}
                className={`${inputClass} font-mono`}
              />
            </Field>
            <Field
              label="Connection string"
              required={!hasConnectionString}
              hint={
                hasConnectionString
                  ? 'Stored encrypted and never shown. Leave empty to keep it.'
                  : 'postgresql://user:password@host:5432/hr — stored encrypted, never shown again.'
              }
              error={err('connectionString')}
            >
              <input
                type="password"
                autoComplete="off"
                value={draft.connectionString}
                onChange={(e) => update({ connectionString: e.target.value })}
                placeholder={hasConnectionString ? '••••••••' : ''}
                className={`${inputClass} font-mono`}
              />
            </Field>
            <Field label="Date format" error={err('config.dateFormat')}>
              <DateFormat value={draft.dateFormat} onChange={(dateFormat) => update({ dateFormat })} />
            </Field>
          </div>
        </Card>
      ) : null}

      {!isScim ? <ColumnsCard draft={draft} update={update} err={err} /> : null}
      <MatchingCard draft={draft} update={update} err={err} />
      <AttributePrecedenceCard draft={draft} update={update} err={err} />

      {!isScim ? (
        <Card className="p-5">
          <h2 className="font-semibold text-slate-900">Safeguards and movers</h2>
          <div className="mt-4 grid gap-4 sm:grid-cols-2">
            <Field
              label="Hold a sync that would deprovision more than (%)"
              hint="Of the people in the repository. A held sync applies nothing until someone confirms it."
              error={err('config.massChangeThreshold')}
            >
              <input
                type="number"
                min={0}
                max={100}
                step="0.1"
                value={draft.massChangePercent}
                onChange={(e) => update({ massChangePercent: e.target.value })}
                className={`${inputClass} sm:w-32`}
              />
            </Field>
            <div className="pt-6">
              <Checkbox
                label="The source lists everyone"
                hint="A person it stops listing has left (the kill switch)."
                checked={draft.snapshot}
                onChange={(snapshot) => update({ snapshot })}
              />
            </div>
          </div>
          <fieldset className="mt-4">
            <legend className="text-sm font-medium text-slate-700">
              A mover loses their requested access when this changes
            </legend>
            <p className="text-xs text-slate-500">
              Birthright always follows the rules; requested access is kept unless you tick something here.
            </p>
            <div className="mt-2 flex flex-wrap gap-x-5 gap-y-1">
              {MOVER_ATTRIBUTES.map((a) => (
                <Checkbox
                  key={a}
                  label={a === 'managerId' ? 'manager' : a}
                  checked={draft.moverRevokes.includes(a)}
                  onChange={(on) =>
                    update({
                      moverRevokes: on
                        ? [...draft.moverRevokes, a]
                        : draft.moverRevokes.filter((x) => x !== a),
                    })
                  }
                />
              ))}
            </div>
          </fieldset>
        </Card>
      ) : null}

      {Object.keys(errors).length === 0 ? <QueryError query={save} /> : null}
      {save.error && Object.keys(errors).length > 0 ? (
        <Notice tone="error">Please correct the highlighted fields: {Object.values(errors)[0]}</Notice>
      ) : null}
      {saved ? <Notice tone="success">Saved.</Notice> : null}
      <div className="flex justify-end">
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : source ? 'Save changes' : 'Create source'}
        </Button>
      </div>
    </form>
  );
}

function DateFormat({ value, onChange, ...rest }: { value: string; onChange: (v: string) => void }) {
  return (
    <select
      {...rest}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      className={`${selectClass} w-full`}
    >
      {['YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY', 'DD.MM.YYYY'].map((f) => (
        <option key={f} value={f}>
          {f}
        </option>
      ))}
    </select>
  );
}

/** The typed schedule as it reads ("Every 15 minutes, UTC"), or the field's example while it has none. */
function withReading(schedule: string, otherwise: string): string {
  return describeCron(schedule) ?? otherwise;
}
