import { CONNECTOR_FORMS } from '@/server/shared/connector-forms/connector-form-fields.ts';
import {
  formErrors,
  formValuesOf,
  isShown,
  settingsOf,
  type TFormValues,
} from '@/server/shared/connector-forms/connector-form-values.ts';
import type { TPerson } from '../_components/people-picker.tsx';
import type { TConnectorType } from './connector-labels.ts';

export type TOnDelete = 'DELETE' | 'DISABLE' | 'UPDATE';
export type TRow = { key: number; name: string; value: string };

/** What the settings, mapping and account-rules tabs edit together and save in one call. */
export type TDraft = {
  key: string;
  /** Whether the admin typed the key: until then a new application's key follows its name. */
  keyEdited: boolean;
  name: string;
  description: string;
  connectorType: TConnectorType;
  /** The connection form's values (server/shared/connector-forms), by setting path. */
  settings: TFormValues;
  /** The settings as stored: what the form does not show is saved back unchanged. */
  storedConfig: unknown;
  /** Secret values typed in this session; a field left empty keeps what is stored. */
  secrets: Record<string, string>;
  /** Secret fields to remove on save. */
  clearing: string[];
  onDelete: TOnDelete;
  onDeleteAttributes: TRow[];
  mapping: TRow[];
  usernameTemplate: string;
  maxLength: string;
  concurrency: string;
  enabled: boolean;
  owner: TPerson | null;
  fulfilmentTeamId: string | null;
};

export type TStoredApplication = {
  id: string;
  key: string;
  name: string;
  description: string;
  connectorType: TConnectorType;
  config: unknown;
  onDelete: TOnDelete;
  onDeleteAttributes: unknown;
  attributeMapping: unknown;
  accountRules: unknown;
  concurrency: number;
  enabled: boolean;
  owner: TPerson | null;
  fulfilmentTeamId: string | null;
};

export type TConnectorInfo = {
  type: TConnectorType;
  label: string;
  defaultMapping: Record<string, string>;
  secretFields: string[];
  configExample: Record<string, unknown>;
};

let lastRowKey = 0;
export const nextRowKey = () => ++lastRowKey;
export const toRows = (record: Record<string, string>): TRow[] =>
  Object.entries(record).map(([name, value]) => ({ key: nextRowKey(), name, value }));
export const fromRows = (rows: TRow[]): Record<string, string> =>
  Object.fromEntries(rows.filter((r) => r.name.trim()).map((r) => [r.name.trim(), r.value]));

const asRecord = (v: unknown): Record<string, string> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, string>) : {};

/** The stored mapping, or the connector's default when the application has none of its own. */
export function storedMapping(
  app: Pick<TStoredApplication, 'attributeMapping'> | null,
  info: TConnectorInfo | undefined,
): Record<string, string> {
  const custom = asRecord((app?.attributeMapping as { attributes?: unknown } | null)?.attributes);
  return Object.keys(custom).length ? custom : (info?.defaultMapping ?? {});
}

export function newDraft(info: TConnectorInfo): TDraft {
  return {
    key: '',
    keyEdited: false,
    name: '',
    description: '',
    connectorType: info.type,
    // Defaults only: an example's text is a placeholder, never a value that gets saved.
    settings: formValuesOf(CONNECTOR_FORMS[info.type], {}),
    storedConfig: {},
    secrets: {},
    clearing: [],
    onDelete: 'DISABLE',
    onDeleteAttributes: [],
    mapping: toRows(info.defaultMapping),
    usernameTemplate: '',
    maxLength: '',
    concurrency: '4',
    enabled: true,
    owner: null,
    fulfilmentTeamId: null,
  };
}

export function draftOf(app: TStoredApplication, info: TConnectorInfo | undefined): TDraft {
  const rules = asRecord(app.accountRules) as { usernameTemplate?: string; maxLength?: number };
  return {
    key: app.key,
    keyEdited: true,
    name: app.name,
    description: app.description,
    connectorType: app.connectorType,
    settings: formValuesOf(CONNECTOR_FORMS[app.connectorType], app.config),
    storedConfig: app.config ?? {},
    secrets: {},
    clearing: [],
    onDelete: app.onDelete,
    onDeleteAttributes: toRows(asRecord(app.onDeleteAttributes)),
    mapping: toRows(storedMapping(app, info)),
    usernameTemplate: rules.usernameTemplate ?? '',
    maxLength: rules.maxLength ? String(rules.maxLength) : '',
    concurrency: String(app.concurrency),
    enabled: app.enabled,
    owner: app.owner,
    fulfilmentTeamId: app.fulfilmentTeamId,
  };
}

const sameRecord = (a: Record<string, string>, b: Record<string, string>) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v);

/** The applications.save input, or why it cannot be built yet. */
export function toSaveInput(draft: TDraft, id: string | null, info: TConnectorInfo | undefined) {
  const form = CONNECTOR_FORMS[draft.connectorType];
  const settingErrors = formErrors(form, draft.settings);
  const mapping = fromRows(draft.mapping);
  // Only the secrets the chosen way of signing in uses: a token typed before switching to OAuth is not sent.
  const applies = new Set(form.secrets.filter((f) => isShown(f.when, draft.settings)).map((f) => f.name));
  const typed = Object.entries(draft.secrets).filter(([name, v]) => v !== '' && applies.has(name));
  const secrets = { ...Object.fromEntries(typed), ...Object.fromEntries(draft.clearing.map((f) => [f, ''])) };
  const maxLength = draft.maxLength.trim() ? Number(draft.maxLength) : undefined;
  return {
    settingErrors,
    input: {
      ...(id ? { id } : {}),
      key: draft.key.trim(),
      name: draft.name.trim(),
      description: draft.description.trim(),
      connectorType: draft.connectorType,
      config: settingsOf(form, draft.settings, draft.storedConfig),
      ...(Object.keys(secrets).length ? { secrets } : {}),
      onDelete: draft.onDelete,
      onDeleteAttributes: draft.onDelete === 'UPDATE' ? fromRows(draft.onDeleteAttributes) : {},
      // The connector's default is stored as "no mapping of its own", so it follows the connector.
      attributeMapping: info && sameRecord(mapping, info.defaultMapping) ? {} : mapping,
      accountRules: {
        ...(draft.usernameTemplate.trim() ? { usernameTemplate: draft.usernameTemplate.trim() } : {}),
        ...(maxLength !== undefined ? { maxLength } : {}),
      },
      concurrency: Number(draft.concurrency),
      enabled: draft.enabled,
      ownerId: draft.owner?.id ?? null,
      fulfilmentTeamId: draft.fulfilmentTeamId,
    },
  };
}
