import { fault } from '@/server/testing/salesforce-emulator/api-fault.ts';
import type { TFieldValue } from '@/server/testing/salesforce-emulator/field-validation.ts';
import {
  RELATIONSHIPS,
  SCHEMA,
  canonicalField,
  isObjectName,
  type TObjectName,
} from '@/server/testing/salesforce-emulator/org-schema.ts';
import type { OrgStore, TRecord } from '@/server/testing/salesforce-emulator/org-store.ts';
import {
  parseSoql,
  type TCondition,
  type TLiteral,
} from '@/server/testing/salesforce-emulator/soql-parser.ts';

export type TQueryRecord = { attributes: { type: string; url: string } } & Record<string, unknown>;

/**
 * Runs a parsed query against the store with SOQL's comparison rules: text compares
 * case-insensitively, Ids compare on their 15 case-sensitive characters (so 15- and 18-character
 * forms match), and a missing column or object is INVALID_FIELD / INVALID_TYPE as on the platform.
 */
export function runSoql(
  store: OrgStore,
  soql: string,
  apiVersion: string,
  misbehave: { ignoreIdAfter?: boolean } = {},
): TQueryRecord[] {
  const query = parseSoql(soql);
  if (!isObjectName(query.object))
    throw fault(400, 'INVALID_TYPE', `sObject type '${query.object}' is not supported.`);
  const object = query.object;
  const fields = query.fields.map((f) => column(object, [f]).field);
  // A broken server (for tests of the connector's paging guard) drops keyset conditions on Id.
  const where = misbehave.ignoreIdAfter
    ? query.where.filter((c) => !(c.path.join('.').toLowerCase() === 'id' && c.op === '>'))
    : query.where;
  const conditions = where.map((c) => ({ ...c, column: column(object, c.path) }));
  let rows = store.all(object).filter((r) => conditions.every((c) => matches(store, r, c, c.column)));
  if (query.orderBy) {
    const order = column(object, [query.orderBy.field]);
    const sign = query.orderBy.descending ? -1 : 1;
    rows = rows.sort((a, b) => sign * compare(a[order.field] ?? null, b[order.field] ?? null, order.isId));
  }
  if (query.limit !== undefined) rows = rows.slice(0, query.limit);
  return rows.map((r) => ({
    attributes: { type: object, url: `/services/data/v${apiVersion}/sobjects/${object}/${r.Id}` },
    ...Object.fromEntries(fields.map((f) => [f, r[f] ?? null])),
  }));
}

type TColumn = {
  via?: { field: string; object: TObjectName };
  object: TObjectName;
  field: string;
  isId: boolean;
  isDateTime?: boolean;
};

function column(object: TObjectName, path: string[]): TColumn {
  if (path.length === 1) {
    const field = canonicalField(object, path[0]!);
    if (!field) throw noSuchColumn(path.join('.'), object);
    const type = SCHEMA[object][field]!.type;
    return { object, field, isId: type === 'id' || type === 'reference', isDateTime: type === 'datetime' };
  }
  const rel =
    path.length === 2
      ? Object.entries(RELATIONSHIPS[object] ?? {}).find(([n]) => n.toLowerCase() === path[0]!.toLowerCase())
      : undefined;
  if (!rel) throw fault(400, 'INVALID_FIELD', `Didn't understand relationship '${path[0]}' in field path.`);
  const inner = column(rel[1].object, [path[1]!]);
  return { ...inner, via: rel[1] };
}

function matches(store: OrgStore, row: TRecord, c: TCondition, col: TColumn): boolean {
  const source = col.via ? store.find(col.via.object, String(row[col.via.field])) : row;
  const actual = source?.[col.field] ?? null;
  const values = Array.isArray(c.value) ? c.value : [c.value];
  switch (c.op) {
    case 'IN':
      return values.some((v) => compare(actual, v, col.isId) === 0);
    case 'NOT IN':
      return values.every((v) => compare(actual, v, col.isId) !== 0);
    case '=':
      return compare(actual, c.value as TLiteral, col.isId) === 0;
    case '!=':
      return compare(actual, c.value as TLiteral, col.isId) !== 0;
    default: {
      if (actual === null || c.value === null) return false;
      const d = col.isDateTime
        ? Math.sign(instant(actual) - instant(c.value as TLiteral))
        : compare(actual, c.value as TLiteral, col.isId);
      return c.op === '<' ? d < 0 : c.op === '>' ? d > 0 : c.op === '<=' ? d <= 0 : d >= 0;
    }
  }
}

/** Stored datetimes read 2026-01-31T09:15:00.000+0000; literals 2026-01-31T09:15:00Z or +01:00. */
const instant = (v: TFieldValue | number | TLiteral) =>
  Date.parse(String(v).replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));

function compare(a: TFieldValue | number, b: TLiteral, isId: boolean): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  const norm = (v: string | number | boolean) =>
    isId ? String(v).slice(0, 15) : typeof v === 'string' ? v.toLowerCase() : String(v);
  const x = norm(a);
  const y = norm(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

const noSuchColumn = (field: string, object: string) =>
  fault(
    400,
    'INVALID_FIELD',
    `No such column '${field}' on entity '${object}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
  );
