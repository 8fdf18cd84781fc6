import type { TAuditNames } from './audit-names.ts';
import { compareFields, dayWords, enumWords, fieldLabel, requestRef } from './audit-words.ts';

/**
 * One attribute an event changed, in words. `before` is absent when the event created the thing (or
 * had no earlier state), `after` when it deleted it.
 */
export type TAuditChange = { field: string; before?: string; after?: string };

/** "Risk: Low → High", "Name: Finance Admins" (set), "Name: Old policy (removed)". */
export function formatChange(c: TAuditChange): string {
  if (c.before !== undefined && c.after !== undefined) return `${c.field}: ${c.before} → ${c.after}`;
  if (c.after !== undefined) return `${c.field}: ${c.after}`;
  return `${c.field}: ${c.before ?? '—'} (removed)`;
}

/** The event's own bookkeeping (said in its sentence, or meaningless to a reader), never listed as a change. */
const NOT_CHANGES = new Set(['batchId', 'grantId', 'requestId', 'applicationId', 'id']);
/** Fields whose value is shown whole, not opened into sub-fields. */
const WHOLE = new Set([
  'stages',
  'condition',
  'grants',
  'sideA',
  'sideB',
  'items',
  'candidates',
  'sod',
  'targets',
  'rule',
]);
const PERSON_FIELDS = new Set(['ownerId', 'managerId', 'delegateId', 'identityId', 'onBehalfOf', 'for']);

type TFlat = Map<string, unknown>;

function flatten(value: unknown, prefix = '', out: TFlat = new Map()): TFlat {
  if (!isPlainObject(value)) return out;
  for (const [key, v] of Object.entries(value)) {
    if (NOT_CHANGES.has(key)) continue;
    const path = prefix ? `${prefix}.${key}` : key;
    if (isPlainObject(v) && !WHOLE.has(key) && typeof v.name !== 'string') flatten(v, path, out);
    else out.set(path, v);
  }
  return out;
}

/**
 * What the event changed, attribute by attribute: every field whose value differs between `before`
 * and `after` (nested settings by their path), or every field set when there is no `before`.
 */
export function auditChanges(before: unknown, after: unknown, names: TAuditNames): TAuditChange[] {
  const b = flatten(before);
  const a = flatten(after);
  const hasBefore = isPlainObject(before);
  const hasAfter = isPlainObject(after);
  const paths = [...new Set([...b.keys(), ...a.keys()])].sort(compareFields);
  const changes: TAuditChange[] = [];
  for (const path of paths) {
    const was = b.get(path);
    const now = a.get(path);
    if (hasBefore && hasAfter && sameValue(was, now)) continue;
    if (!hasBefore && isEmpty(now)) continue;
    const field = fieldLabel(path);
    const last = path.split('.').pop()!;
    changes.push({
      field,
      ...(hasBefore ? { before: valueWords(last, was, names) } : {}),
      ...(hasAfter ? { after: valueWords(last, now, names) } : {}),
    });
  }
  return changes;
}

/** A stored value in words, knowing the field it sits in (an owner id is a person, a risk a level…). */
export function valueWords(field: string, value: unknown, names: TAuditNames): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number') return value.toLocaleString('en');
  if (typeof value === 'string') return stringWords(field, value, names);
  if (Array.isArray(value))
    return value.length === 0 ? 'none' : value.map((v) => itemWords(field, v, names)).join(', ');
  if (isPlainObject(value)) return objectWords(field, value, names);
  return String(value as string);
}

function stringWords(field: string, value: string, names: TAuditNames): string {
  if (PERSON_FIELDS.has(field)) return names.person(value) ?? 'a person not found';
  if (field === 'entitlementId')
    return names.entity('Entitlement', value)?.name ?? 'an entitlement not found';
  if (field === 'roleId') return names.entity('Role', value)?.name ?? 'a role not found';
  if (field === 'fulfilmentTeamId') return names.entity('Team', value)?.name ?? 'a team not found';
  if (field === 'requestId') return requestRef(value);
  return dayWords(value) ?? enumWords(value, field);
}

/** One element of a list: ids become names, objects their name or a short description. */
function itemWords(field: string, item: unknown, names: TAuditNames): string {
  if (typeof item === 'string') {
    if (field === 'entitlementIds')
      return names.entity('Entitlement', item)?.name ?? 'an entitlement not found';
    if (field === 'roleIds') return names.entity('Role', item)?.name ?? 'a role not found';
    if (
      ['approvers', 'notAsked', 'candidates', 'added', 'removed', 'identityIds', 'groupsLeft'].includes(
        field,
      ) &&
      /^[0-9a-f-]{36}$/.test(item)
    )
      return names.person(item) ?? 'a person not found';
    return stringWords(field, item, names);
  }
  if (!isPlainObject(item)) return valueWords(field, item, names);
  if (typeof item.entitlementId === 'string') return stringWords('entitlementId', item.entitlementId, names);
  if (typeof item.roleId === 'string') return stringWords('roleId', item.roleId, names);
  if ((item.kind === 'ENTITLEMENT' || item.kind === 'ROLE') && typeof item.id === 'string') {
    return (
      (item.kind === 'ROLE' ? names.entity('Role', item.id) : names.entity('Entitlement', item.id))?.name ??
      'an item not found'
    );
  }
  if (field === 'stages' && typeof item.name === 'string')
    return typeof item.mode === 'string' ? `${item.name} (${enumWords(item.mode).toLowerCase()})` : item.name;
  if (field === 'sod' && typeof item.rule === 'string')
    return typeof item.status === 'string'
      ? `${item.rule} (${enumWords(item.status).toLowerCase()})`
      : item.rule;
  if (typeof item.sourceName === 'string' && 'value' in item)
    return `${item.sourceName}: ${valueWords('value', item.value, names)}`;
  return objectWords(field, item, names);
}

function objectWords(field: string, value: Record<string, unknown>, names: TAuditNames): string {
  if (typeof value.name === 'string') return value.name;
  if (field === 'condition' && Array.isArray(value.clauses)) return conditionWords(value, names);
  const parts = Object.entries(value)
    .filter(([k, v]) => !NOT_CHANGES.has(k) && !isEmpty(v))
    .map(([k, v]) => `${fieldLabel(k)}: ${valueWords(k, v, names)}`);
  return parts.length ? parts.join('; ') : '—';
}

const OPS: Record<string, string> = {
  equals: 'is',
  notEquals: 'is not',
  in: 'is one of',
  startsWith: 'starts with',
};

/** A birthright condition: "Department is Finance and Title starts with Payroll", or "everyone". */
function conditionWords(value: Record<string, unknown>, names: TAuditNames): string {
  const clauses = (value.clauses as unknown[]).filter(isPlainObject);
  if (clauses.length === 0) return 'everyone';
  const joiner = value.match === 'ANY' ? ' or ' : ' and ';
  return clauses
    .map(
      (c) =>
        `${fieldLabel(String(c.attribute))} ${OPS[String(c.op)] ?? String(c.op)} ${Array.isArray(c.values) ? c.values.map((v) => valueWords(String(c.attribute), v, names)).join(' or ') : '—'}`,
    )
    .join(joiner);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const isEmpty = (v: unknown) =>
  v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/** Equal as data: key order and the order of a list of plain values do not count. */
function sameValue(a: unknown, b: unknown): boolean {
  if (isEmpty(a) && isEmpty(b)) return true;
  return canonical(a) === canonical(b);
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) {
    const items = v.map(canonical);
    return `[${(v.every((x) => typeof x !== 'object' || x === null) ? items.sort() : items).join(',')}]`;
  }
  if (isPlainObject(v))
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
      .join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}
