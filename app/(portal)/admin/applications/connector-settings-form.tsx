'use client';

import { useState } from 'react';
import { Button } from '../../../_components/ui/button.tsx';
import { Checkbox, Field, inputClass, selectClass } from '@/app/_components/ui/field.tsx';
import type {
  TConnectorForm,
  TSettingsField,
} from '@/server/shared/connector-forms/connector-form-fields.ts';
import { isShown, type TFormValues } from '@/server/shared/connector-forms/connector-form-values.ts';
import { fieldError } from '../_components/server-errors.ts';

/**
 * A connector's settings as a form (server/shared/connector-forms): one labelled, explained field
 * per setting, the ones for another way of signing in hidden, the rarely changed ones under
 * "More settings". Errors come from the form's own checks first, then from the server's schema
 * (`config.<path>`).
 */
export function ConnectorSettingsForm({
  form,
  values,
  onChange,
  localErrors,
  serverErrors,
  showLocalErrors,
}: {
  form: TConnectorForm;
  values: TFormValues;
  onChange: (values: TFormValues) => void;
  localErrors: Record<string, string>;
  serverErrors: Record<string, string>;
  /** Required-field messages only once the admin has tried to save, not on an empty new form. */
  showLocalErrors: boolean;
}) {
  const shown = form.fields.filter((f) => isShown(f.when, values));
  const advanced = shown.filter((f) => f.advanced);
  const errorOf = (f: TSettingsField) =>
    (showLocalErrors ? localErrors[f.path] : null) ?? fieldError(serverErrors, `config.${f.path}`);
  const [open, setOpen] = useState(() => advanced.some((f) => errorOf(f) !== null));
  const set = (path: string, value: string | boolean) => onChange({ ...values, [path]: value });
  return (
    <div className="grid min-w-0 gap-4">
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        {shown
          .filter((f) => !f.advanced)
          .map((f) => (
            <SettingField
              key={f.path}
              field={f}
              value={values[f.path]}
              onChange={(v) => set(f.path, v)}
              error={errorOf(f)}
            />
          ))}
      </div>
      {advanced.length ? (
        <div className="min-w-0">
          <Button variant="ghost" size="sm" aria-expanded={open} onClick={() => setOpen(!open)}>
            {open ? 'Fewer settings' : `More settings (${advanced.length})`}
          </Button>
          {open ? (
            <div className="mt-3 grid grid-cols-1 gap-4 sm:grid-cols-2">
              {advanced.map((f) => (
                <SettingField
                  key={f.path}
                  field={f}
                  value={values[f.path]}
                  onChange={(v) => set(f.path, v)}
                  error={errorOf(f)}
                />
              ))}
            </div>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

function SettingField({
  field,
  value,
  onChange,
  error,
}: {
  field: TSettingsField;
  value: string | boolean | undefined;
  onChange: (v: string | boolean) => void;
  error: string | null;
}) {
  if (field.kind === 'boolean') {
    return (
      <div className="min-w-0">
        <Checkbox label={field.label} hint={field.help} checked={value === true} onChange={onChange} />
        {error ? <p className="mt-1 text-xs font-medium text-red-700">{error}</p> : null}
      </div>
    );
  }
  const text = typeof value === 'string' ? value : '';
  const wide = field.kind === 'textarea' || field.kind === 'list';
  return (
    <Field
      label={field.label}
      hint={field.help}
      required={field.required}
      error={error}
      className={wide ? 'sm:col-span-2' : undefined}
    >
      {field.kind === 'select' ? (
        <select value={text} onChange={(e) => onChange(e.target.value)} className={`${selectClass} w-full`}>
          {field.options!.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      ) : wide ? (
        <textarea
          value={text}
          onChange={(e) => onChange(e.target.value)}
          rows={field.path === 'instructions' ? 5 : 4}
          maxLength={4000}
          placeholder={field.placeholder}
          spellCheck={field.path === 'instructions'}
          className={`${inputClass} ${field.path === 'instructions' ? '' : 'font-mono text-xs'}`}
        />
      ) : (
        <input
          type={field.kind === 'number' ? 'text' : field.kind === 'url' ? 'url' : 'text'}
          inputMode={field.kind === 'number' ? 'numeric' : undefined}
          value={text}
          onChange={(e) => onChange(e.target.value)}
          maxLength={field.kind === 'url' ? 500 : 300}
          placeholder={field.placeholder}
          spellCheck={false}
          autoCapitalize="off"
          className={`${inputClass} ${field.kind === 'number' ? 'sm:w-40' : ''} ${field.kind === 'url' || field.path.endsWith('Dn') ? 'font-mono' : ''}`}
        />
      )}
    </Field>
  );
}
