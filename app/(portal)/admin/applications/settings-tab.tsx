'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage, useTRPC } from '../../../_trpc/client.tsx';
import { Badge } from '../../../_components/ui/badge.tsx';
import { Button } from '../../../_components/ui/button.tsx';
import { Card, Notice } from '../../../_components/ui/card.tsx';
import { Checkbox, Field, inputClass, selectClass } from '@/app/_components/ui/field.tsx';
import { PeoplePicker } from '../_components/people-picker.tsx';
import { fieldError } from '../_components/server-errors.ts';
import type { TEditorApplication } from './application-editor.tsx';
import { CONNECTOR_LABEL } from './connector-labels.ts';
import { CONNECTOR_FORMS } from '@/server/shared/connector-forms/connector-form-fields.ts';
import { formValuesOf, isShown } from '@/server/shared/connector-forms/connector-form-values.ts';
import { suggestApplicationKey } from './application-key.ts';
import { ConnectorSettingsForm } from './connector-settings-form.tsx';
import { toRows, type TConnectorInfo, type TDraft } from './draft.ts';
import { KeyValueRows } from './key-value-rows.tsx';
import { SecretFields } from './secret-fields.tsx';
import { DayText } from '@/app/_components/ui/day-text.tsx';

export type TStoredTest = { ok?: boolean; message?: string; kind?: string };

const ON_DELETE = [
  { value: 'DISABLE', label: 'Disable the account', hint: 'The account stays, locked, with its history.' },
  { value: 'DELETE', label: 'Delete the account', hint: 'The account is removed from the application.' },
  {
    value: 'UPDATE',
    label: 'Update attributes',
    hint: 'The account stays; the attributes below are set on it.',
  },
] as const;

type TProps = {
  draft: TDraft;
  update: (patch: Partial<TDraft>) => void;
  errors: Record<string, string>;
  app: TEditorApplication | null;
  connectorTypes: TConnectorInfo[];
  teams: Array<{ id: string; name: string; members: number }>;
  canManage: boolean;
  dirty: boolean;
  storedTest: TStoredTest | null;
  /** The form's own errors for the connection settings (required fields, numbers). */
  settingErrors: Record<string, string>;
  /** Whether the admin tried to save: only then are empty required fields pointed out. */
  triedToSave: boolean;
};

export function SettingsTab({
  draft,
  update,
  errors,
  app,
  connectorTypes,
  teams,
  canManage,
  dirty,
  storedTest,
  settingErrors,
  triedToSave,
}: TProps) {
  const info = connectorTypes.find((t) => t.type === draft.connectorType);
  const form = CONNECTOR_FORMS[draft.connectorType];
  // A server error about the settings that no field of the form names (a stored setting the form does not show).
  const otherConfigError = Object.keys(errors).some(
    (k) =>
      k === 'config' ||
      (k.startsWith('config.') &&
        !form.fields.some((f) => k === `config.${f.path}` || k.startsWith(`config.${f.path}.`))),
  )
    ? fieldError(errors, 'config')
    : null;
  const isManual = draft.connectorType === 'MANUAL';
  return (
    <fieldset disabled={!canManage} className="grid min-w-0 grid-cols-1 gap-6">
      <Card className="p-5">
        <h2 className="mb-4 font-semibold text-slate-900">General</h2>
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          <Field label="Name" required error={fieldError(errors, 'name')}>
            <input
              value={draft.name}
              // A new application's key follows its name until the admin types one.
              onChange={(e) =>
                update(
                  app || draft.keyEdited
                    ? { name: e.target.value }
                    : { name: e.target.value, key: suggestApplicationKey(e.target.value) },
                )
              }
              maxLength={100}
              className={inputClass}
              placeholder="e.g. Expense system"
            />
          </Field>
          <Field
            label="Key"
            required
            hint={
              app || draft.keyEdited
                ? 'Lower-case letters, digits and dashes; a stable name for scripts and logs.'
                : 'Suggested from the name until you change it. Lower-case letters, digits and dashes; a stable name for scripts and logs.'
            }
            error={fieldError(errors, 'key')}
          >
            <input
              value={draft.key}
              onChange={(e) => update({ key: e.target.value, keyEdited: true })}
              maxLength={60}
              className={`${inputClass} font-mono`}
              placeholder="expense-system"
              spellCheck={false}
            />
          </Field>
          <Field label="Description" className="sm:col-span-2" error={fieldError(errors, 'description')}>
            <textarea
              value={draft.description}
              onChange={(e) => update({ description: e.target.value })}
              rows={2}
              maxLength={2000}
              className={inputClass}
            />
          </Field>
          {app ? (
            <div>
              <p className="text-sm font-medium text-slate-700">Connector</p>
              <p className="mt-1 py-2 text-sm text-slate-900">
                {info?.label ?? CONNECTOR_LABEL[draft.connectorType]}
              </p>
              <p className="text-xs text-slate-500">Fixed once the application exists.</p>
            </div>
          ) : (
            <Field
              label="Connector"
              required
              hint="Fixed once the application exists."
              error={fieldError(errors, 'connectorType')}
            >
              <select
                value={draft.connectorType}
                onChange={(e) => {
                  const next = connectorTypes.find((t) => t.type === e.target.value);
                  if (!next) return;
                  // New settings and mapping follow the connector; what the person typed for the old one does not fit.
                  update({
                    connectorType: next.type,
                    settings: formValuesOf(CONNECTOR_FORMS[next.type], {}),
                    storedConfig: {},
                    mapping: toRows(next.defaultMapping),
                    secrets: {},
                    clearing: [],
                    onDelete:
                      next.type === 'SALESFORCE' && draft.onDelete === 'DELETE' ? 'DISABLE' : draft.onDelete,
                  });
                }}
                className={`${selectClass} w-full`}
              >
                {connectorTypes.map((t) => (
                  <option key={t.type} value={t.type}>
                    {t.label}
                  </option>
                ))}
              </select>
            </Field>
          )}
          <Field
            label="Owner"
            hint="Answers for the application; notified about its failures."
            error={fieldError(errors, 'ownerId')}
          >
            <PeoplePicker
              value={draft.owner}
              onChange={(owner) => update({ owner })}
              disabled={!canManage}
              clearLabel="Remove the owner"
            />
          </Field>
          {isManual ? (
            <Field
              label="Fulfilment team"
              required
              hint="Gets a task for every change; members see it under Tasks."
              error={fieldError(errors, 'fulfilmentTeamId')}
            >
              <select
                value={draft.fulfilmentTeamId ?? ''}
                onChange={(e) => update({ fulfilmentTeamId: e.target.value || null })}
                className={`${selectClass} w-full`}
              >
                <option value="">Choose a team…</option>
                {teams.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name} ({t.members} {t.members === 1 ? 'member' : 'members'})
                  </option>
                ))}
              </select>
            </Field>
          ) : null}
          <Field
            label="Concurrency"
            hint="Calls at once against this application from each worker (1–64); each call may carry many accounts (a group change, a bulk create)."
            error={fieldError(errors, 'concurrency')}
          >
            <input
              type="number"
              min={1}
              max={64}
              value={draft.concurrency}
              onChange={(e) => update({ concurrency: e.target.value })}
              className={`${inputClass} sm:w-32`}
            />
          </Field>
          <div className="sm:col-span-2">
            <Checkbox
              label="Enabled"
              checked={draft.enabled}
              onChange={(enabled) => update({ enabled })}
              hint="Gatehouse sends nothing to a disabled application; its changes are planned again when you enable it."
            />
          </div>
        </div>
      </Card>

      <Card className="p-5">
        <div className="mb-4 flex flex-wrap items-start justify-between gap-2">
          <div>
            <h2 className="font-semibold text-slate-900">Connection</h2>
            <p className="text-sm text-slate-600">
              {isManual
                ? 'How long the team has and what every task says.'
                : 'Where the application is and how Gatehouse signs in.'}
            </p>
          </div>
        </div>
        <ConnectorSettingsForm
          form={form}
          values={draft.settings}
          onChange={(settings) => update({ settings })}
          localErrors={settingErrors}
          serverErrors={errors}
          showLocalErrors={triedToSave}
        />
        {otherConfigError ? (
          <p className="mt-2 text-xs font-medium text-red-700">{otherConfigError}</p>
        ) : null}
        <SecretFields
          fields={form.secrets.filter((f) => isShown(f.when, draft.settings))}
          stored={app?.secretFields ?? []}
          draft={draft}
          update={update}
          error={fieldError(errors, 'secrets')}
          isNew={!app}
          canManage={canManage}
        />
        {app && form.canTest ? (
          <TestConnection
            applicationId={app.id}
            canManage={canManage}
            dirty={dirty}
            storedTest={storedTest}
            storedAt={app.lastTestedAt}
          />
        ) : null}
      </Card>

      <Card className="p-5">
        <fieldset>
          <legend className="font-semibold text-slate-900">When someone leaves</legend>
          <p className="text-sm text-slate-600">
            What happens to the account of a person who no longer should have one.
          </p>
          <div className="mt-3 grid gap-2 sm:grid-cols-3">
            {ON_DELETE.map((o) => {
              const impossible = o.value === 'DELETE' && draft.connectorType === 'SALESFORCE';
              return (
                <label
                  key={o.value}
                  className={`flex cursor-pointer gap-2 rounded-md border p-3 text-sm has-checked:border-brand-600 has-checked:bg-brand-50/50 has-disabled:cursor-not-allowed has-disabled:opacity-60 ${
                    draft.onDelete === o.value ? 'border-brand-600' : 'border-slate-200'
                  }`}
                >
                  <input
                    type="radio"
                    name="onDelete"
                    value={o.value}
                    checked={draft.onDelete === o.value}
                    disabled={impossible}
                    onChange={() => update({ onDelete: o.value })}
                    className="mt-0.5 accent-brand-600"
                  />
                  <span>
                    <span className="font-medium text-slate-900">{o.label}</span>
                    <span className="block text-xs text-slate-600">
                      {impossible ? 'Salesforce users cannot be deleted.' : o.hint}
                    </span>
                  </span>
                </label>
              );
            })}
          </div>
          {fieldError(errors, 'onDelete') ? (
            <p className="mt-1 text-xs font-medium text-red-700">{fieldError(errors, 'onDelete')}</p>
          ) : null}
        </fieldset>
        {draft.onDelete === 'UPDATE' ? (
          <div className="mt-4">
            <KeyValueRows
              label="Attributes to set"
              nameLabel="Attribute"
              valueLabel="Value"
              rows={draft.onDeleteAttributes}
              onChange={(onDeleteAttributes) => update({ onDeleteAttributes })}
              canManage={canManage}
              error={fieldError(errors, 'onDeleteAttributes')}
              emptyText="No attributes yet: add the ones that mark a leaver, e.g. status = left."
            />
          </div>
        ) : null}
      </Card>
    </fieldset>
  );
}

function TestConnection({
  applicationId,
  canManage,
  dirty,
  storedTest,
  storedAt,
}: {
  applicationId: string;
  canManage: boolean;
  dirty: boolean;
  storedTest: TStoredTest | null;
  storedAt: Date | null;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const test = useMutation(
    trpc.applications.testConnection.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.applications.list.queryKey() }),
    }),
  );
  const [fresh, setFresh] = useState(false);
  const result =
    test.data ??
    (storedTest && storedAt
      ? { ok: storedTest.ok ?? false, message: storedTest.message ?? '', testedAt: storedAt }
      : null);
  return (
    <div className="mt-5 border-t border-slate-100 pt-4">
      <div className="flex flex-wrap items-center gap-3">
        <Button
          variant="secondary"
          disabled={!canManage || test.isPending}
          onClick={() => {
            setFresh(true);
            test.mutate({ id: applicationId });
          }}
        >
          {test.isPending ? 'Testing…' : 'Test connection'}
        </Button>
        <p className="text-xs text-slate-500">
          {!canManage
            ? 'Only the identity team tests connections.'
            : dirty
              ? 'Tests the saved settings: save first to test your changes.'
              : 'Signs in to the application with the saved settings.'}
        </p>
      </div>
      <div aria-live="polite" className="mt-3">
        {test.error ? <Notice tone="error">{errorMessage(test.error)}</Notice> : null}
        {result ? (
          <div
            role="status"
            aria-label="Connection test result"
            className={`rounded-md border px-3 py-2 text-sm ${result.ok ? 'border-emerald-200 bg-emerald-50' : 'border-red-200 bg-red-50'}`}
          >
            <p className="flex flex-wrap items-center gap-2">
              <Badge tone={result.ok ? 'green' : 'red'}>
                {result.ok ? 'Connection ok' : 'Connection failed'}
              </Badge>
              <span className="text-xs text-slate-500">
                {fresh && test.data ? 'just now' : 'last test'} · <DayText at={result.testedAt} to="minute" />
              </span>
            </p>
            <p className={`mt-1 break-words ${result.ok ? 'text-emerald-900' : 'text-red-800'}`}>
              {result.message}
            </p>
          </div>
        ) : (
          <p className="text-sm text-slate-500">Never tested.</p>
        )}
      </div>
    </div>
  );
}
