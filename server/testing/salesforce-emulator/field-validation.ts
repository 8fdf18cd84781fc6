import { fault } from '@/server/testing/salesforce-emulator/api-fault.ts';
import { isIdShaped, KEY_PREFIX } from '@/server/testing/salesforce-emulator/ids.ts';
import { SCHEMA, canonicalField, type TObjectName } from '@/server/testing/salesforce-emulator/org-schema.ts';

export type TFieldValue = string | boolean | null;
export type TLookup = (object: TObjectName, id: string) => boolean;

/**
 * Checks a create or update body the way the platform does, in its order: unknown fields, then
 * read-only fields, then required fields, then each value. The first failing rule answers, with
 * the errorCode, message and `fields` Salesforce uses for it.
 */
export function validateWrite(
  object: TObjectName,
  body: Record<string, unknown>,
  mode: 'create' | 'update',
  exists: TLookup,
): Record<string, TFieldValue> {
  const out: Record<string, TFieldValue> = {};
  const defs = SCHEMA[object];
  for (const [rawName, value] of Object.entries(body)) {
    if (rawName === 'attributes') continue;
    const name = canonicalField(object, rawName);
    if (!name)
      throw fault(400, 'INVALID_FIELD', `No such column '${rawName}' on sobject of type ${object}`, []);
    const def = defs[name]!;
    if (!(mode === 'create' ? def.createable : def.updateable)) {
      throw fault(
        400,
        'INVALID_FIELD_FOR_INSERT_UPDATE',
        `Unable to create/update fields: ${name}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
        [name],
      );
    }
    out[name] = coerce(object, name, value);
  }
  if (mode === 'create') {
    const missing = Object.entries(defs)
      .filter(
        ([name, def]) => def.required && (out[name] === undefined || out[name] === null || out[name] === ''),
      )
      .map(([name]) => name);
    if (missing.length)
      throw fault(
        400,
        'REQUIRED_FIELD_MISSING',
        `Required fields are missing: [${missing.join(', ')}]`,
        missing,
      );
  } else {
    for (const [name, value] of Object.entries(out)) {
      if (defs[name]!.required && (value === null || value === '')) {
        throw fault(400, 'REQUIRED_FIELD_MISSING', `Required fields are missing: [${name}]`, [name]);
      }
    }
  }
  for (const [name, value] of Object.entries(out)) checkValue(object, name, value, exists);
  return out;
}

function coerce(object: TObjectName, name: string, value: unknown): TFieldValue {
  const def = SCHEMA[object][name]!;
  if (value === null || value === undefined) return null;
  if (def.type === 'boolean') {
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === 'false') return value === 'true';
    throw fault(
      400,
      'JSON_PARSER_ERROR',
      `Cannot deserialize instance of boolean from VALUE_STRING value ${JSON.stringify(value)} or request may be missing a required field`,
    );
  }
  if (typeof value === 'object') {
    throw fault(
      400,
      'JSON_PARSER_ERROR',
      `Cannot deserialize instance of string from START_ARRAY value [line:1, column:1]`,
    );
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function checkValue(object: TObjectName, name: string, value: TFieldValue, exists: TLookup): void {
  const def = SCHEMA[object][name]!;
  if (value === null || typeof value === 'boolean') return;
  if (def.maxLength && value.length > def.maxLength) {
    throw fault(
      400,
      'STRING_TOO_LONG',
      `${def.label}: data value too large: ${value} (max length=${def.maxLength})`,
      [name],
    );
  }
  if (def.type === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) {
    throw fault(400, 'INVALID_EMAIL_ADDRESS', `${def.label}: invalid email address: ${value}`, [name]);
  }
  if (def.picklist && !def.picklist.has(value)) {
    throw fault(
      400,
      'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
      `${def.label}: bad value for restricted picklist field: ${value}`,
      [name],
    );
  }
  if (def.type === 'reference' && def.refersTo) {
    const prefix = KEY_PREFIX[def.refersTo];
    if (!isIdShaped(value) || !value.startsWith(prefix)) {
      throw fault(400, 'FIELD_INTEGRITY_EXCEPTION', `${def.label}: id value of incorrect type: ${value}`, [
        name,
      ]);
    }
    if (def.refersTo !== 'UserLicense' && !exists(def.refersTo as TObjectName, value)) {
      throw fault(400, 'INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', []);
    }
  }
}
