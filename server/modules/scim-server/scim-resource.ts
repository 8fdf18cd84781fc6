import { ScimError, type TScimType } from './scim-error.ts';
import {
  assertNamesSchema,
  coreSchemaOf,
  ENTERPRISE_SCHEMA,
  scimmy,
  type TResourceKind,
  type TScimDoc,
} from './scim-schemas.ts';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** scimmy throws its own SCIM errors, and TypeErrors when a value does not fit the schema. */
export function toScimError(error: unknown): ScimError {
  if (error instanceof ScimError) return error;
  if (error instanceof scimmy().Types.Error) {
    const e = error as unknown as { status: number | string; scimType?: string | null; message: string };
    return new ScimError(Number(e.status) || 400, (e.scimType as TScimType | undefined) ?? null, e.message);
  }
  if (error instanceof TypeError) return new ScimError(400, 'invalidValue', error.message);
  throw error;
}

/** Entra sends `"active": "False"`; a Boolean is meant. */
export function coerceScimValue(attribute: 'active', value: unknown): unknown {
  if (attribute === 'active' && typeof value === 'string' && /^(true|false)$/i.test(value.trim()))
    return value.trim().toLowerCase() === 'true';
  return value;
}

/** null means unassigned (RFC 7643 §2.5): drop it, at any depth, before the schema sees it. */
export function withoutNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.filter((x) => x !== null).map(withoutNulls);
  if (!isObject(v)) return v;
  return Object.fromEntries(
    Object.entries(v)
      .filter(([, x]) => x !== null)
      .map(([k, x]) => [k, withoutNulls(x)]),
  );
}

/**
 * A User or Group from a POST or PUT body, checked against the schema (scimmy), with real clients'
 * quirks accepted. Read-only attributes (id, meta, groups) and the password are dropped: the
 * password is never stored.
 */
export function readResourceBody(kind: TResourceKind, body: unknown): TScimDoc {
  if (!isObject(body)) throw new ScimError(400, 'invalidSyntax', `The body must be a ${kind} resource`);
  assertNamesSchema(body, coreSchemaOf(kind), `A ${kind}`);
  const doc = withoutNulls(body) as Record<string, unknown>;
  for (const key of Object.keys(doc)) {
    const lower = key.toLowerCase();
    if (lower === 'password' || lower === 'id' || lower === 'meta' || lower === 'groups') delete doc[key];
    else if (lower === 'active') doc[key] = coerceScimValue('active', doc[key]);
    else if (lower === ENTERPRISE_SCHEMA.toLowerCase() && isObject(doc[key])) {
      const ext = doc[key];
      const mk = Object.keys(ext).find((k) => k.toLowerCase() === 'manager');
      if (mk && typeof ext[mk] === 'string') ext[mk] = { value: ext[mk] };
    }
  }
  const SCIMMY = scimmy();
  const Schema = kind === 'User' ? SCIMMY.Schemas.User : SCIMMY.Schemas.Group;
  try {
    return JSON.parse(JSON.stringify(new Schema(doc, 'in'))) as TScimDoc;
  } catch (error) {
    throw toScimError(error);
  }
}

/** What is stored: the coerced document without what the server owns. */
export function storedDocument(doc: TScimDoc): TScimDoc {
  const { meta: _meta, id: _id, groups: _groups, password: _password, ...rest } = doc;
  return rest;
}
