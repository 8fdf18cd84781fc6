import type { TConnectorForm, TSettingsField, TWhen } from './connector-form-fields.ts';

/** What the settings form holds: text for text-like fields, a flag for checkboxes, by path. */
export type TFormValues = Record<string, string | boolean>;

type TRecord = Record<string, unknown>;
const isRecord = (v: unknown): v is TRecord => Boolean(v) && typeof v === 'object' && !Array.isArray(v);

function readPath(config: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((at, key) => (isRecord(at) ? at[key] : undefined), config);
}

function writePath(config: TRecord, path: string, value: unknown) {
  const keys = path.split('.');
  let at = config;
  for (const key of keys.slice(0, -1)) {
    if (!isRecord(at[key])) at[key] = {};
    at = at[key] as TRecord;
  }
  at[keys.at(-1)!] = value;
}

function removePath(config: TRecord, path: string) {
  const keys = path.split('.');
  const parents: TRecord[] = [config];
  for (const key of keys.slice(0, -1)) {
    const next = parents.at(-1)![key];
    if (!isRecord(next)) return;
    parents.push(next);
  }
  delete parents.at(-1)![keys.at(-1)!];
  // An object the form emptied goes too, so the schema's default for it applies.
  for (let i = parents.length - 1; i > 0; i--) {
    if (Object.keys(parents[i]!).length > 0) break;
    delete parents[i - 1]![keys[i - 1]!];
  }
}

/** Whether a field (or secret) applies with the values as they are. */
export function isShown(when: TWhen | undefined, values: TFormValues): boolean {
  return !when || when.is.includes(String(values[when.path] ?? ''));
}

function valueOf(field: TSettingsField, stored: unknown): string | boolean {
  if (field.kind === 'boolean') return typeof stored === 'boolean' ? stored : field.defaultValue === true;
  if (stored === undefined || stored === null)
    return typeof field.defaultValue === 'string' ? field.defaultValue : '';
  if (typeof stored === 'string') return stored;
  if (field.kind === 'list' && Array.isArray(stored))
    return stored.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join('\n');
  return JSON.stringify(stored);
}

/** The form's values from stored settings (or from none, for a new application: defaults only, no example text). */
export function formValuesOf(form: TConnectorForm, config: unknown): TFormValues {
  return Object.fromEntries(form.fields.map((f) => [f.path, valueOf(f, readPath(config, f.path))]));
}

/**
 * The settings to save: what was stored (so settings the form does not show are kept), with every
 * field of the form set from its value, or removed when it is empty or does not apply (OAuth's token
 * URL once the service takes a bearer token). The connector's schema checks the result on save.
 */
export function settingsOf(form: TConnectorForm, values: TFormValues, stored: unknown): TRecord {
  const config = structuredClone(isRecord(stored) ? stored : {});
  for (const field of form.fields) removePath(config, field.path);
  for (const field of form.fields) {
    if (!isShown(field.when, values)) continue;
    const value = values[field.path];
    if (field.kind === 'boolean') {
      writePath(config, field.path, value === true);
      continue;
    }
    const text = typeof value === 'string' ? value.trim() : '';
    if (text === '') continue;
    if (field.kind === 'number')
      writePath(config, field.path, /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text);
    else if (field.kind === 'list')
      writePath(
        config,
        field.path,
        text
          .split(/\r?\n|,/)
          .map((s) => s.trim())
          .filter(Boolean),
      );
    else writePath(config, field.path, text);
  }
  return config;
}

/** What the form can tell before the server is asked: required fields left empty, numbers that are not. */
export function formErrors(form: TConnectorForm, values: TFormValues): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const field of form.fields) {
    if (!isShown(field.when, values) || field.kind === 'boolean') continue;
    const text = String(values[field.path] ?? '').trim();
    if (field.required && !text) errors[field.path] = `${field.label} is required.`;
    else if (field.kind === 'number' && text && !/^\d+$/.test(text))
      errors[field.path] = `${field.label} must be a whole number.`;
  }
  return errors;
}
