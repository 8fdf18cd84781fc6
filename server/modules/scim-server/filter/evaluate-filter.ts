import { ScimError } from '../scim-error.ts';
import {
  attributeInfo,
  coreSchemaOf,
  type TAttributeInfo,
  type TResourceKind,
  type TScimDoc,
} from '../scim-schemas.ts';
import type { TAttrPath, TCompareOp, TFilter, TFilterValue } from './parse-filter.ts';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Attribute names are case-insensitive (RFC 7643 §2.1). */
export function getIgnoringCase(o: unknown, key: string): unknown {
  if (!isObject(o)) return undefined;
  if (key in o) return o[key];
  const lower = key.toLowerCase();
  const found = Object.keys(o).find((k) => k.toLowerCase() === lower);
  return found === undefined ? undefined : o[found];
}

/** A scalar as text ('' for objects and nothing): for comparisons, never "[object Object]". */
export const scalarText = (v: unknown): string =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';

const hasValue = (v: unknown): boolean =>
  v !== undefined &&
  v !== null &&
  v !== '' &&
  !(Array.isArray(v) && v.length === 0) &&
  !(isObject(v) && !Object.values(v).some(hasValue));

/** The values an attribute path holds in a resource, multi-valued attributes flattened. */
export function valuesAt(resource: TScimDoc, kind: TResourceKind, path: TAttrPath): unknown[] {
  const base =
    path.schema && path.schema.toLowerCase() !== coreSchemaOf(kind).toLowerCase()
      ? getIgnoringCase(resource, path.schema)
      : resource;
  const v = getIgnoringCase(base, path.attribute);
  const list = v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
  if (!path.sub) return list.filter(hasValue);
  return list.flatMap((e) => {
    const s = getIgnoringCase(e, path.sub!);
    return s === undefined || s === null ? [] : Array.isArray(s) ? s : [s];
  });
}

type TContext = { kind: TResourceKind; info: (path: TAttrPath) => TAttributeInfo | null };

/** Whether a resource (as the server returns it) matches the filter. */
export function matchesFilter(resource: TScimDoc, filter: TFilter, kind: TResourceKind): boolean {
  return evaluate(resource, filter, { kind, info: (p) => attributeInfo(kind, p) });
}

function evaluate(resource: TScimDoc, f: TFilter, ctx: TContext): boolean {
  switch (f.kind) {
    case 'and':
      return evaluate(resource, f.left, ctx) && evaluate(resource, f.right, ctx);
    case 'or':
      return evaluate(resource, f.left, ctx) || evaluate(resource, f.right, ctx);
    case 'not':
      return !evaluate(resource, f.filter, ctx);
    case 'present':
      return valuesAt(resource, ctx.kind, f.path).some(hasValue);
    case 'valuePath': {
      const outer = f.path;
      const elements = valuesAt(resource, ctx.kind, { ...outer, sub: null });
      // Inside the brackets, paths are sub-attributes of the outer attribute.
      const inner: TContext = {
        kind: ctx.kind,
        info: (p) => ctx.info({ schema: outer.schema, attribute: outer.attribute, sub: p.attribute }),
      };
      return elements.some((e) => isObject(e) && evaluateElement(e, f.filter, inner));
    }
    case 'compare':
      return compareAll(valuesOf(resource, f.path, ctx), f.op, f.value, ctx.info(f.path));
  }
}

/** A filter inside `attr[...]`, evaluated against one element of the multi-valued attribute. */
function evaluateElement(element: Record<string, unknown>, f: TFilter, ctx: TContext): boolean {
  switch (f.kind) {
    case 'and':
      return evaluateElement(element, f.left, ctx) && evaluateElement(element, f.right, ctx);
    case 'or':
      return evaluateElement(element, f.left, ctx) || evaluateElement(element, f.right, ctx);
    case 'not':
      return !evaluateElement(element, f.filter, ctx);
    case 'present':
      return hasValue(getIgnoringCase(element, f.path.attribute));
    case 'valuePath':
      throw new ScimError(400, 'invalidFilter', 'A value filter cannot be nested in another');
    case 'compare': {
      const v = getIgnoringCase(element, f.path.attribute);
      return compareAll(v === undefined || v === null ? [] : [v], f.op, f.value, ctx.info(f.path));
    }
  }
}

/** `emails eq "x"` compares each email's `value` (RFC 7644 §3.4.2.2, complex multi-valued attributes). */
function valuesOf(resource: TScimDoc, path: TAttrPath, ctx: TContext): unknown[] {
  const values = valuesAt(resource, ctx.kind, path);
  if (!path.sub && values.length && values.every(isObject))
    return values.map((v) => getIgnoringCase(v, 'value')).filter((v) => v !== undefined && v !== null);
  return values;
}

function compareAll(
  values: unknown[],
  op: TCompareOp,
  expected: TFilterValue,
  info: TAttributeInfo | null,
): boolean {
  if (expected === null) {
    if (op === 'eq') return values.length === 0;
    if (op === 'ne') return values.length > 0;
    throw new ScimError(400, 'invalidFilter', `"${op}" cannot compare with null`);
  }
  if (op === 'ne') return !values.some((v) => compareOne(v, 'eq', expected, info));
  return values.some((v) => compareOne(v, op, expected, info));
}

const ORDERING = new Set<TCompareOp>(['gt', 'ge', 'lt', 'le']);

function compareOne(
  actual: unknown,
  op: TCompareOp,
  expected: string | number | boolean,
  info: TAttributeInfo | null,
): boolean {
  const type =
    info?.type ??
    (typeof actual === 'boolean' ? 'boolean' : typeof actual === 'number' ? 'decimal' : 'string');
  if (type === 'boolean') {
    if (op !== 'eq')
      throw new ScimError(400, 'invalidFilter', `"${op}" does not apply to a Boolean attribute`);
    return toBoolean(actual) === toBoolean(expected);
  }
  if (type === 'binary' && ORDERING.has(op))
    throw new ScimError(400, 'invalidFilter', `"${op}" does not apply to a binary attribute`);
  if (type === 'dateTime' && (op === 'eq' || ORDERING.has(op))) {
    const a = Date.parse(scalarText(actual));
    const e = Date.parse(String(expected));
    if (Number.isNaN(e)) throw new ScimError(400, 'invalidFilter', `"${String(expected)}" is not a dateTime`);
    return ordered(a, e, op);
  }
  if ((type === 'integer' || type === 'decimal') && typeof actual === 'number') {
    const e = typeof expected === 'number' ? expected : Number(expected);
    return !Number.isNaN(e) && ordered(actual, e, op);
  }
  const fold = (s: string) => (info?.caseExact ? s : s.toLowerCase());
  const a = fold(scalarText(actual));
  const e = fold(String(expected));
  if (op === 'co') return a.includes(e);
  if (op === 'sw') return a.startsWith(e);
  if (op === 'ew') return a.endsWith(e);
  return ordered(a, e, op);
}

function ordered<T extends string | number>(a: T, e: T, op: TCompareOp): boolean {
  if (op === 'eq') return a === e;
  if (op === 'gt') return a > e;
  if (op === 'ge') return a >= e;
  if (op === 'lt') return a < e;
  if (op === 'le') return a <= e;
  return false;
}

function toBoolean(v: unknown): boolean | null {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && /^(true|false)$/i.test(v)) return v.toLowerCase() === 'true';
  return null;
}
