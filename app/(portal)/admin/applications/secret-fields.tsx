'use client';

import { Badge } from '../../../_components/ui/badge.tsx';
import { Button } from '../../../_components/ui/button.tsx';
import { Field, inputClass } from '@/app/_components/ui/field.tsx';
import type { TSecretField } from '@/server/shared/connector-forms/connector-form-fields.ts';
import type { TDraft } from './draft.ts';

/**
 * Write-only secrets: the page knows which are set, never their values. An empty field keeps the
 * stored value; "Clear" removes it on save.
 */
export function SecretFields({
  fields,
  stored,
  draft,
  update,
  error,
  isNew,
  canManage,
}: {
  /** The secrets the chosen way of signing in needs. */
  fields: readonly TSecretField[];
  stored: string[];
  draft: TDraft;
  update: (patch: Partial<TDraft>) => void;
  error: string | null;
  isNew: boolean;
  canManage: boolean;
}) {
  if (fields.length === 0) return null;
  return (
    <div className="mt-5">
      <h3 className="text-sm font-semibold text-slate-900">Secrets</h3>
      <p className="text-xs text-slate-500">
        {canManage
          ? 'Stored encrypted and never shown again. Leave a field empty to keep what is stored; if you change where the application is (its URL, bind DN, login or token endpoint, client), enter them again: saved secrets are never sent to a new endpoint.'
          : 'Stored encrypted; nobody can read them back.'}
      </p>
      <div className="mt-3 grid gap-4 sm:grid-cols-2">
        {fields.map(({ name, label, help, multiline }) => {
          const isSet = stored.includes(name);
          const clearing = draft.clearing.includes(name);
          if (!canManage) {
            return (
              <p key={name} className="flex flex-wrap items-center gap-2 text-sm font-medium text-slate-700">
                {label} {isSet ? <Badge tone="green">set</Badge> : <Badge tone="gray">not set</Badge>}
              </p>
            );
          }
          return (
            <Field
              key={name}
              label={
                <span className="flex flex-wrap items-center gap-2">
                  {label}
                  {clearing ? (
                    <Badge tone="amber">will be cleared</Badge>
                  ) : isSet ? (
                    <Badge tone="green">set</Badge>
                  ) : (
                    <Badge tone="gray">not set</Badge>
                  )}
                </span>
              }
              hint={clearing ? 'Removed when you save.' : help}
              className={multiline ? 'sm:col-span-2' : undefined}
            >
              <div className="flex min-w-0 gap-2">
                {multiline ? (
                  <textarea
                    aria-label={label}
                    autoComplete="off"
                    spellCheck={false}
                    rows={4}
                    value={draft.secrets[name] ?? ''}
                    disabled={clearing}
                    onChange={(e) => update({ secrets: { ...draft.secrets, [name]: e.target.value } })}
                    placeholder={
                      isSet ? 'Leave empty to keep the stored value' : isNew ? 'Paste the value' : 'Not set'
                    }
                    className={`${inputClass} font-mono text-xs`}
                  />
                ) : (
                  <input
                    type="password"
                    aria-label={label}
                    autoComplete="new-password"
                    value={draft.secrets[name] ?? ''}
                    disabled={clearing}
                    onChange={(e) => update({ secrets: { ...draft.secrets, [name]: e.target.value } })}
                    placeholder={
                      isSet ? 'Leave empty to keep the stored value' : isNew ? 'Enter a value' : 'Not set'
                    }
                    className={inputClass}
                  />
                )}
                {isSet ? (
                  clearing ? (
                    <Button
                      variant="secondary"
                      onClick={() => update({ clearing: draft.clearing.filter((f) => f !== name) })}
                    >
                      Keep
                    </Button>
                  ) : (
                    <Button
                      variant="danger"
                      aria-label={`Clear ${label.toLowerCase()}`}
                      onClick={() =>
                        update({
                          clearing: [...draft.clearing, name],
                          secrets: { ...draft.secrets, [name]: '' },
                        })
                      }
                    >
                      Clear
                    </Button>
                  )
                ) : null}
              </div>
            </Field>
          );
        })}
      </div>
      {error ? <p className="mt-1 text-xs font-medium text-red-700">{error}</p> : null}
    </div>
  );
}
