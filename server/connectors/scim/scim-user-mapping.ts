import type { TAttributes, TAttributeValue } from '../sdk/connector.ts';

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const ENTERPRISE_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

type TResource = Record<string, unknown>;
/** Where a flat attribute lives in a SCIM User: a top-level attribute, a sub-attribute, or the work entry of a multi-valued one. */
type TSpec =
  | { container?: string; attr: string; multi?: false }
  | { multi: true; attr: 'emails' | 'phoneNumbers'; type: string };

const KNOWN: Record<string, TSpec> = {
  givenName: { container: 'name', attr: 'givenName' },
  familyName: { container: 'name', attr: 'familyName' },
  middleName: { container: 'name', attr: 'middleName' },
  email: { multi: true, attr: 'emails', type: 'work' },
  phoneNumber: { multi: true, attr: 'phoneNumbers', type: 'work' },
  department: { container: ENTERPRISE_SCHEMA, attr: 'department' },
  employeeNumber: { container: ENTERPRISE_SCHEMA, attr: 'employeeNumber' },
  costCenter: { container: ENTERPRISE_SCHEMA, attr: 'costCenter' },
  organization: { container: ENTERPRISE_SCHEMA, attr: 'organization' },
  division: { container: ENTERPRISE_SCHEMA, attr: 'division' },
};
const NOT_ATTRIBUTES = new Set([
  'id',
  'schemas',
  'meta',
  'active',
  'password',
  'groups',
  'name',
  'emails',
  'phoneNumbers',
  ENTERPRISE_SCHEMA.toLowerCase(),
]);

/** Known flat names; otherwise `urn:...:attr` (an extension), `complex.sub`, or a top-level core attribute. */
function specFor(key: string): TSpec {
  const known = KNOWN[key];
  if (known) return known;
  if (key.startsWith('urn:')) {
    const at = key.lastIndexOf(':');
    return { container: key.slice(0, at), attr: key.slice(at + 1) };
  }
  const dot = key.indexOf('.');
  return dot > 0 ? { container: key.slice(0, dot), attr: key.slice(dot + 1) } : { attr: key };
}

/** The PATCH path that replaces this attribute as a whole (multi-valued: the whole collection). */
export function patchPath(key: string): string {
  const spec = specFor(key);
  if (spec.multi) return spec.attr;
  if (!spec.container) return spec.attr;
  return spec.container.startsWith('urn:')
    ? `${spec.container}:${spec.attr}`
    : `${spec.container}.${spec.attr}`;
}

/** The top-level member of the resource that holds this attribute (a complex attribute or an extension). */
export function topLevelOf(key: string): string {
  const spec = specFor(key);
  return spec.multi ? spec.attr : (spec.container ?? spec.attr);
}

/** The value `patchPath(key)` addresses, as it stands in `resource`; undefined when absent. */
export function valueAtPatchPath(resource: TResource, key: string): unknown {
  const spec = specFor(key);
  if (spec.multi || !spec.container) return field(resource, spec.attr);
  return field(field(resource, spec.container), spec.attr);
}

/** SCIM attribute names are case-insensitive (RFC 7643 §2.1). */
export function field(obj: unknown, name: string): unknown {
  if (!obj || typeof obj !== 'object') return undefined;
  const record = obj as TResource;
  if (name in record) return record[name];
  const lower = name.toLowerCase();
  const key = Object.keys(record).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : record[key];
}

/** A scalar as text; objects, arrays and empty values are null. */
export function asText(v: unknown): string | null {
  if (typeof v === 'string') return v === '' ? null : v;
  return typeof v === 'number' || typeof v === 'boolean' ? String(v) : null;
}

/** The entry a flat `email` means: the work one, else an untyped one (the primary first); never a home one. */
function workEntryIndex(entries: unknown[], type: string): number {
  const byType = entries.findIndex((e) => asText(field(e, 'type'))?.toLowerCase() === type);
  if (byType >= 0) return byType;
  const untyped = entries.map((e, i) => ({ e, i })).filter(({ e }) => asText(field(e, 'type')) === null);
  return (untyped.find(({ e }) => field(e, 'primary') === true) ?? untyped[0])?.i ?? -1;
}

export function readFlat(resource: TResource, key: string): TAttributeValue {
  const spec = specFor(key);
  if (spec.multi) {
    const entries = Array.isArray(field(resource, spec.attr))
      ? (field(resource, spec.attr) as unknown[])
      : [];
    const i = workEntryIndex(entries, spec.type);
    return i < 0 ? null : asText(field(entries[i], 'value'));
  }
  const holder = spec.container ? field(resource, spec.container) : resource;
  const value = field(holder, spec.attr);
  if (Array.isArray(value)) {
    const values = value
      .map((v) => asText(v && typeof v === 'object' ? field(v, 'value') : v))
      .filter((v): v is string => v !== null);
    return values.length ? values : null;
  }
  return asText(value);
}

/** Sets (or, with undefined, deletes) a member under whatever case the server spelled it in. */
function setField(obj: TResource, name: string, value: unknown): void {
  const lower = name.toLowerCase();
  const key = Object.keys(obj).find((k) => k.toLowerCase() === lower) ?? name;
  if (value === undefined) delete obj[key];
  else obj[key] = value;
}

/** Sets one flat attribute on a (cloned) resource; null removes it. */
export function writeFlat(resource: TResource, key: string, value: TAttributeValue): void {
  const spec = specFor(key);
  const empty = value === null || (Array.isArray(value) && value.length === 0);
  if (spec.multi) {
    const current = field(resource, spec.attr);
    const entries = Array.isArray(current) ? [...(current as TResource[])] : [];
    const i = workEntryIndex(entries, spec.type);
    if (empty) {
      if (i >= 0) entries.splice(i, 1);
    } else {
      const text = Array.isArray(value) ? value[0]! : value;
      if (i >= 0) entries[i] = { ...entries[i], value: text, type: field(entries[i], 'type') ?? spec.type };
      else
        entries.push({
          value: text,
          type: spec.type,
          primary: !entries.some((e) => field(e, 'primary') === true),
        });
    }
    setField(resource, spec.attr, entries.length ? entries : undefined);
    return;
  }
  let holder = resource;
  if (spec.container) {
    const existing = field(resource, spec.container);
    holder = existing && typeof existing === 'object' ? { ...(existing as TResource) } : {};
  }
  setField(holder, spec.attr, empty ? undefined : value);
  if (spec.container) setField(resource, spec.container, Object.keys(holder).length ? holder : undefined);
}

export function sameValue(a: TAttributeValue, b: TAttributeValue): boolean {
  if (a === null || b === null) return a === b;
  const x = [a].flat().sort();
  const y = [b].flat().sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

/** Adds the extension URNs a resource uses to `schemas`, as §3.3 asks of a POST or PUT. */
export function withSchemas(resource: TResource): TResource {
  const extensions = Object.keys(resource).filter(
    (k) => k.startsWith('urn:') && resource[k] && typeof resource[k] === 'object',
  );
  return { ...resource, schemas: [USER_SCHEMA, ...extensions] };
}

/** The flat attributes of a listed account: every known name present, and top-level text attributes. */
export function flattenUser(resource: TResource): TAttributes {
  const out: TAttributes = {};
  for (const key of Object.keys(KNOWN)) {
    const v = readFlat(resource, key);
    if (v !== null) out[key] = v;
  }
  for (const key of Object.keys(resource)) {
    if (NOT_ATTRIBUTES.has(key.toLowerCase()) || key.startsWith('urn:')) continue;
    const v = readFlat(resource, key);
    if (v !== null) out[key] = v;
  }
  return out;
}
