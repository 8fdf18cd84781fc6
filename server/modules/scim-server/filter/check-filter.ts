import { ScimError } from '../scim-error.ts';
import { attributeInfo, type TAttributeInfo, type TResourceKind } from '../scim-schemas.ts';
import type { TAttrPath, TCompareOp, TFilter, TFilterValue } from './parse-filter.ts';

const invalid = (message: string) => new ScimError(400, 'invalidFilter', message);
const ORDERING = new Set<TCompareOp>(['gt', 'ge', 'lt', 'le']);
const SUBSTRING = new Set<TCompareOp>(['co', 'sw', 'ew']);

const named = (p: TAttrPath) => `${p.schema ? `${p.schema}:` : ''}${p.attribute}${p.sub ? `.${p.sub}` : ''}`;

/**
 * Checks a filter against the resource's schema before anything is read (RFC 7644 §3.4.2.2): an
 * attribute the schema does not have, or a comparison its type cannot make (`userName gt 5`,
 * `active co "t"`), is `invalidFilter` whether or not any resource would have been compared.
 */
export function checkFilter(kind: TResourceKind, filter: TFilter): void {
  check(filter, (p) => known(kind, p));
}

function check(f: TFilter, info: (p: TAttrPath) => TAttributeInfo): void {
  switch (f.kind) {
    case 'and':
    case 'or':
      check(f.left, info);
      check(f.right, info);
      return;
    case 'not':
      check(f.filter, info);
      return;
    case 'present':
      info(f.path);
      return;
    case 'compare':
      checkComparison(f.path, f.op, f.value, info);
      return;
    case 'valuePath': {
      const outer = f.path;
      if (info(outer).type !== 'complex') throw invalid(`${named(outer)} has no sub-attributes to filter on`);
      // Inside the brackets, paths are sub-attributes of the outer attribute, one level deep.
      check(f.filter, (p) => {
        if (p.schema || p.sub) throw invalid(`"${named(p)}" is not a sub-attribute of ${named(outer)}`);
        return info({ ...outer, sub: p.attribute });
      });
      return;
    }
  }
}

function known(kind: TResourceKind, path: TAttrPath): TAttributeInfo {
  const info = attributeInfo(kind, path);
  if (!info) throw invalid(`Unknown attribute "${named(path)}"`);
  return info;
}

function checkComparison(
  path: TAttrPath,
  op: TCompareOp,
  value: TFilterValue,
  info: (p: TAttrPath) => TAttributeInfo,
) {
  let attribute = info(path);
  // `emails eq "x"` compares each email's value (complex multi-valued attributes).
  if (attribute.type === 'complex' && !path.sub) {
    const sub = attribute.multiValued ? tryInfo(info, { ...path, sub: 'value' }) : null;
    if (!sub) throw invalid(`${named(path)} is complex: compare one of its sub-attributes`);
    attribute = sub;
  }
  if (value === null) {
    if (op !== 'eq' && op !== 'ne') throw invalid(`"${op}" cannot compare with null`);
    return;
  }
  const type = attribute.type;
  const mismatch = () =>
    invalid(`${named(path)} is of type ${type}: "${op}" cannot compare it with ${JSON.stringify(value)}`);
  if (type === 'boolean') {
    const isBoolean =
      typeof value === 'boolean' || (typeof value === 'string' && /^(true|false)$/i.test(value));
    if (!isBoolean || (op !== 'eq' && op !== 'ne')) throw mismatch();
  } else if (type === 'integer' || type === 'decimal') {
    if (typeof value !== 'number' || SUBSTRING.has(op)) throw mismatch();
  } else if (type === 'dateTime') {
    if (typeof value !== 'string' || (!SUBSTRING.has(op) && Number.isNaN(Date.parse(value))))
      throw mismatch();
  } else if (typeof value !== 'string' || (type === 'binary' && ORDERING.has(op))) {
    throw mismatch();
  }
}

function tryInfo(info: (p: TAttrPath) => TAttributeInfo, path: TAttrPath): TAttributeInfo | null {
  try {
    return info(path);
  } catch {
    return null;
  }
}
