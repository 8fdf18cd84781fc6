import { checkFilter } from './filter/check-filter.ts';
import { getIgnoringCase, matchesFilter, scalarText, valuesAt } from './filter/evaluate-filter.ts';
import { parseAttrPath, parseFilter, type TAttrPath, type TFilter } from './filter/parse-filter.ts';
import { ScimError } from './scim-error.ts';
import {
  attributeInfo,
  coreSchemaOf,
  KNOWN_SCHEMAS,
  LIST_RESPONSE_SCHEMA,
  type TResourceKind,
  type TScimDoc,
} from './scim-schemas.ts';

/** ServiceProviderConfig's filter.maxResults: the most resources one page returns. */
export const MAX_RESULTS = 200;

export type TListQuery = {
  filter: TFilter | null;
  sortBy: TAttrPath | null;
  descending: boolean;
  startIndex: number;
  count: number;
  attributes: TAttrPath[] | null;
  excludedAttributes: TAttrPath[];
};

type TRawQuery = Partial<
  Record<
    'filter' | 'sortBy' | 'sortOrder' | 'startIndex' | 'count' | 'attributes' | 'excludedAttributes',
    unknown
  >
>;

/** Beyond this a page offset or size means nothing, and it must still fit the database's integer. */
const MAX_INTEGER = 2_147_483_647;

const integer = (name: string, v: unknown): number | null => {
  if (v === undefined || v === null || v === '') return null;
  // Digits only: Number() would also take "1e20", "0x10" and " 5 ".
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^[+-]?\d{1,20}$/.test(v) ? Number(v) : NaN;
  if (!Number.isInteger(n) || Math.abs(n) > MAX_INTEGER)
    throw new ScimError(
      400,
      'invalidValue',
      `${name} must be an integer between -${MAX_INTEGER} and ${MAX_INTEGER}`,
    );
  return n;
};

const paths = (name: string, v: unknown): TAttrPath[] => {
  if (
    v !== undefined &&
    v !== null &&
    typeof v !== 'string' &&
    !(Array.isArray(v) && v.every((x) => typeof x === 'string'))
  )
    throw new ScimError(400, 'invalidValue', `${name} must be a list of attribute names`);
  const list = Array.isArray(v) ? (v as string[]) : typeof v === 'string' ? v.split(',') : [];
  return list
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      // A bare URN names a whole extension.
      const whole = KNOWN_SCHEMAS.find((k) => k.toLowerCase() === s.toLowerCase());
      return whole ? { schema: whole, attribute: '', sub: null } : parseAttrPath(s, KNOWN_SCHEMAS);
    });
};

/** A text parameter: absent, or a string (a POST /.search body can hold anything). */
const text = (name: string, v: unknown, scimType: 'invalidFilter' | 'invalidValue'): string | null => {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') throw new ScimError(400, scimType, `${name} must be a string`);
  return v.trim() || null;
};

/**
 * RFC 7644 §3.4.2 query parameters, from a URL's query or a POST /.search body (§3.4.3), checked the
 * same way: the filter against the resource's schema too, so a bad one fails before any read.
 */
export function parseListQuery(raw: TRawQuery, kind: TResourceKind): TListQuery {
  const filterText = text('filter', raw.filter, 'invalidFilter');
  const sortByText = text('sortBy', raw.sortBy, 'invalidValue');
  const filter = filterText ? parseFilter(filterText, KNOWN_SCHEMAS) : null;
  if (filter) checkFilter(kind, filter);
  const sortOrder =
    raw.sortOrder === undefined || raw.sortOrder === ''
      ? 'ascending'
      : scalarText(raw.sortOrder).toLowerCase();
  if (sortOrder !== 'ascending' && sortOrder !== 'descending')
    throw new ScimError(400, 'invalidValue', 'sortOrder must be "ascending" or "descending"');
  const attributes = paths('attributes', raw.attributes);
  return {
    filter,
    sortBy: sortByText ? parseAttrPath(sortByText, KNOWN_SCHEMAS) : null,
    descending: sortOrder === 'descending',
    // §3.4.2.4: a startIndex below 1 is 1; a negative count is 0; more than maxResults is maxResults.
    startIndex: Math.max(1, integer('startIndex', raw.startIndex) ?? 1),
    count: Math.min(MAX_RESULTS, Math.max(0, integer('count', raw.count) ?? MAX_RESULTS)),
    attributes: attributes.length ? attributes : null,
    excludedAttributes: paths('excludedAttributes', raw.excludedAttributes),
  };
}

/** Filters, sorts, pages and projects resources into a ListResponse. */
export function listResponse(kind: TResourceKind, resources: TScimDoc[], q: TListQuery) {
  const matching = q.filter ? resources.filter((r) => matchesFilter(r, q.filter!, kind)) : resources;
  const sorted = q.sortBy ? sortResources(kind, matching, q.sortBy, q.descending) : matching;
  return pagedListResponse(
    kind,
    sorted.slice(q.startIndex - 1, q.startIndex - 1 + q.count),
    matching.length,
    q,
  );
}

/** A ListResponse for one page already cut (by the database) out of `total` resources. */
export function pagedListResponse(kind: TResourceKind, page: TScimDoc[], total: number, q: TListQuery) {
  return {
    schemas: [LIST_RESPONSE_SCHEMA],
    totalResults: total,
    startIndex: q.startIndex,
    itemsPerPage: page.length,
    Resources: page.map((r) => projectAttributes(kind, r, q)),
  };
}

/** §3.4.2.3: the primary value of a multi-valued attribute (or its first); unassigned values last. */
function sortResources(
  kind: TResourceKind,
  resources: TScimDoc[],
  path: TAttrPath,
  descending: boolean,
): TScimDoc[] {
  const info = attributeInfo(kind, path);
  const keyOf = (r: TScimDoc): string | number | null => {
    const values = valuesAt(r, kind, path.sub ? path : { ...path, sub: null });
    const chosen = values.find((v) => getIgnoringCase(v, 'primary') === true) ?? values[0];
    const v = typeof chosen === 'object' && chosen !== null ? getIgnoringCase(chosen, 'value') : chosen;
    if (v === undefined || v === null) return null;
    if (typeof v === 'number') return v;
    if (info?.type === 'dateTime') return Date.parse(scalarText(v));
    return info?.caseExact ? scalarText(v) : scalarText(v).toLowerCase();
  };
  const keyed = resources.map((r) => ({ r, k: keyOf(r) }));
  keyed.sort((a, b) => {
    if (a.k === null || b.k === null) return a.k === b.k ? 0 : a.k === null ? 1 : -1;
    const c = a.k < b.k ? -1 : a.k > b.k ? 1 : 0;
    return descending ? -c : c;
  });
  return keyed.map((x) => x.r);
}

const ALWAYS = new Set(['id', 'schemas']);

/** §3.4.2.5 `attributes` / `excludedAttributes`; `id` and `schemas` are always returned. */
export function projectAttributes(
  kind: TResourceKind,
  resource: TScimDoc,
  q: Pick<TListQuery, 'attributes' | 'excludedAttributes'>,
): TScimDoc {
  const core = coreSchemaOf(kind).toLowerCase();
  const keyFor = (p: TAttrPath) => (p.schema && p.schema.toLowerCase() !== core ? p.schema : null);
  if (q.attributes) {
    const out: TScimDoc = {};
    for (const k of Object.keys(resource)) if (ALWAYS.has(k)) out[k] = resource[k];
    for (const p of q.attributes) copyPath(resource, out, keyFor(p), p);
    return out;
  }
  if (!q.excludedAttributes.length) return resource;
  const out = structuredClone(resource);
  for (const p of q.excludedAttributes) removePath(out, keyFor(p), p);
  return out;
}

function actualKey(o: Record<string, unknown>, key: string): string | undefined {
  const lower = key.toLowerCase();
  return Object.keys(o).find((k) => k.toLowerCase() === lower);
}

function copyPath(from: TScimDoc, to: TScimDoc, extension: string | null, p: TAttrPath) {
  let src: unknown = from;
  let dst: TScimDoc = to;
  if (extension) {
    const ek = actualKey(from, extension);
    if (!ek) return;
    src = from[ek];
    if (!p.attribute) {
      to[ek] = src;
      return;
    }
    dst = (to[ek] ??= {}) as TScimDoc;
  }
  if (typeof src !== 'object' || src === null) return;
  const key = actualKey(src as TScimDoc, p.attribute);
  if (!key) return;
  const value = (src as TScimDoc)[key];
  if (!p.sub) {
    dst[key] = value;
    return;
  }
  const pick = (e: unknown) => {
    if (typeof e !== 'object' || e === null) return undefined;
    const sk = actualKey(e as TScimDoc, p.sub!);
    return sk ? { [sk]: (e as TScimDoc)[sk] } : {};
  };
  if (Array.isArray(value)) {
    const existing = Array.isArray(dst[key]) ? (dst[key] as TScimDoc[]) : value.map(() => ({}));
    dst[key] = value.map((e, i) => ({ ...existing[i], ...pick(e) }));
  } else if (value && typeof value === 'object')
    dst[key] = { ...(dst[key] as TScimDoc | undefined), ...pick(value) };
}

function removePath(doc: TScimDoc, extension: string | null, p: TAttrPath) {
  let target: unknown = doc;
  if (extension) {
    const ek = actualKey(doc, extension);
    if (!ek) return;
    if (!p.attribute) {
      delete doc[ek];
      return;
    }
    target = doc[ek];
  }
  if (typeof target !== 'object' || target === null) return;
  const key = actualKey(target as TScimDoc, p.attribute);
  if (!key || (ALWAYS.has(key) && !extension)) return;
  if (!p.sub) {
    delete (target as TScimDoc)[key];
    return;
  }
  const value = (target as TScimDoc)[key];
  for (const e of Array.isArray(value) ? value : [value]) {
    if (typeof e === 'object' && e !== null) {
      const sk = actualKey(e as TScimDoc, p.sub);
      if (sk) delete (e as TScimDoc)[sk];
    }
  }
}
