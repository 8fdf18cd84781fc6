import type { TAttributes, TCreateAccountInput, TTargetAccount } from '../sdk/connector.ts';
import { ConnectorError } from '../sdk/connector-error.ts';
import type { TSalesforceConfig } from './salesforce-config.ts';
import { assertFieldName } from './salesforce-soql.ts';

export type TUserRecord = { Id: string; Username: string; IsActive: boolean } & Record<string, unknown>;
export type TFieldValues = Record<string, string | boolean | null>;

/** What listAccounts reads: the fields the default mapping writes, plus state. */
export const USER_READ_FIELDS = [
  'Id',
  'Username',
  'FirstName',
  'LastName',
  'Email',
  'Alias',
  'Title',
  'Department',
  'EmployeeNumber',
  'ProfileId',
  'IsActive',
  'TimeZoneSidKey',
  'LocaleSidKey',
  'EmailEncodingKey',
  'LanguageLocaleKey',
  'SystemModstamp',
  'LastLoginDate',
];

/** Read for the account's `modifiedAt` and `lastUsedAt`, not attributes a mapping could write or drift on. */
const NOT_ATTRIBUTES = new Set(['attributes', 'Id', 'SystemModstamp', 'LastLoginDate']);

/** Salesforce datetimes (`2026-01-31T09:15:00.000+0000`) as ISO 8601 in UTC; null when unreadable. */
export function isoFromSalesforce(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const at = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(at) ? null : new Date(at).toISOString();
}

/** User fields are single-valued; an empty string means "no value", as Salesforce stores it. */
export function scalarFields(attributes: TAttributes): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [name, value] of Object.entries(attributes)) {
    assertFieldName(name);
    if (Array.isArray(value)) {
      if (value.length > 1)
        throw new ConnectorError(
          'invalidAttribute',
          `User.${name} is single-valued in Salesforce; got ${value.length} values`,
        );
      out[name] = value[0] ?? null;
    } else {
      out[name] = value === '' ? null : value;
    }
  }
  return out;
}

/**
 * The User record to insert. Username comes from the mapping (Salesforce needs an email-shaped,
 * globally unique name) and falls back to Gatehouse's account username; ProfileId falls back to
 * the configured default, because a user cannot exist without a profile. A disabled account is
 * created inactive when disabling means deactivating; when it means freezing, the caller freezes.
 */
export function userForCreate(input: TCreateAccountInput, config: TSalesforceConfig): TFieldValues {
  const fields: TFieldValues = {};
  for (const [name, value] of Object.entries(scalarFields(input.attributes)))
    if (value !== null) fields[name] = value;
  fields.Username ??= input.username;
  fields.ProfileId ??= config.defaultProfileId;
  fields.IsActive = config.disableMeans === 'deactivate' ? input.enabled : true;
  return fields;
}

/** A REST field value as text: JSON gives strings, numbers, booleans or null for User fields. */
export function asText(value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export const sameValue = (current: unknown, next: string | null) => asText(current) === next;

export function toTargetAccount(record: TUserRecord, enabled: boolean): TTargetAccount {
  const attributes: TAttributes = {};
  for (const [name, value] of Object.entries(record)) {
    if (NOT_ATTRIBUTES.has(name)) continue;
    attributes[name] = asText(value);
  }
  return {
    stableId: record.Id,
    nativeId: record.Id,
    username: record.Username,
    enabled,
    attributes,
    modifiedAt: isoFromSalesforce(record.SystemModstamp),
    lastUsedAt: isoFromSalesforce(record.LastLoginDate),
  };
}
