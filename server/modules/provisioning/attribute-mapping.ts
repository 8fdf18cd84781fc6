/**
 * Identity-to-target attribute templates: `{firstName} {lastName}`, `{firstName|lower|ascii}`,
 * `{title|default:Staff}`, or a constant. A template that renders empty gives null (no value).
 */
export type TMappingSource = {
  username: string;
  email: string;
  firstName: string;
  lastName: string;
  displayName: string;
  department: string | null;
  title: string | null;
  location: string | null;
  costCenter: string | null;
  employmentType: string;
  employeeNumber: string | null;
  attributes?: Record<string, unknown>;
};

export type TMapping = Record<string, string>;

const FILTERS: Record<string, (value: string, arg?: string) => string> = {
  lower: (v) => v.toLowerCase(),
  upper: (v) => v.toUpperCase(),
  trim: (v) => v.trim(),
  ascii: (v) => asciiFold(v),
  initial: (v) => v.slice(0, 1),
  default: (v, arg) => (v === '' ? (arg ?? '') : v),
  truncate: (v, arg) => v.slice(0, Number(arg ?? v.length)),
  nospace: (v) => v.replace(/\s+/g, ''),
  /** Letters and digits only: O'Brien-Smith -> OBrienSmith (usernames). */
  alnum: (v) => v.replace(/[^\p{L}\p{N}]/gu, ''),
};

export function asciiFold(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/[Øø]/g, (c) => (c === 'Ø' ? 'O' : 'o'))
    .replace(/[Łł]/g, (c) => (c === 'Ł' ? 'L' : 'l'))
    .replace(/[Ææ]/g, (c) => (c === 'Æ' ? 'AE' : 'ae'))
    .replace(/[^\x20-\x7e]/g, '');
}

function lookup(source: TMappingSource, path: string): string {
  if (path.startsWith('attributes.')) {
    return stringify(source.attributes?.[path.slice('attributes.'.length)]);
  }
  return stringify((source as Record<string, unknown>)[path]);
}

function stringify(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v as string | number | boolean);
}

export function renderTemplate(template: string, source: TMappingSource): string {
  return template.replace(/\{([^{}]+)\}/g, (_m, expr: string) => {
    const [field, ...filters] = expr.split('|').map((s) => s.trim());
    let value = lookup(source, field ?? '');
    for (const f of filters) {
      const [name, ...rest] = f.split(':');
      const fn = FILTERS[name ?? ''];
      if (!fn) throw new Error(`unknown mapping filter "${name}"`);
      value = fn(value, rest.length ? rest.join(':') : undefined);
    }
    return value;
  });
}

export function renderMapping(mapping: TMapping, source: TMappingSource): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [attribute, template] of Object.entries(mapping)) {
    const value = renderTemplate(template, source).trim();
    out[attribute] = value === '' ? null : value;
  }
  return out;
}

export const MAPPING_FILTERS = Object.keys(FILTERS);
