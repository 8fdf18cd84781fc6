import {
  IDENTITY_ATTRIBUTES,
  MAPPING_VARIABLES,
  type TMappingVariable,
  type TProfileAttribute,
} from '@/server/shared/identity-attributes.ts';

/**
 * Identity-to-target attribute templates: `{firstName} {lastName}`, `{firstName|lower|ascii}`,
 * `{title|default:Staff}`, or a constant. A template that renders empty gives null (no value).
 */
export type TMappingSource = Record<Exclude<TMappingVariable, TProfileAttribute | 'employeeNumber'>, string> &
  Record<TProfileAttribute | 'employeeNumber', string | null> & { attributes?: Record<string, unknown> };

/** The identity's columns a mapping reads (server/shared/identity-attributes.ts), as a Prisma select. */
export const MAPPING_SOURCE_SELECT = {
  ...(Object.fromEntries(MAPPING_VARIABLES.map((v) => [v, true])) as Record<TMappingVariable, true>),
  attributes: true,
} as const;

/** A made-up person whose every variable has a value: templates are tried on it before they are saved. */
export const SAMPLE_PERSON: TMappingSource = {
  ...(Object.fromEntries(MAPPING_VARIABLES.map((v) => [v, IDENTITY_ATTRIBUTES[v].example])) as Record<
    TMappingVariable,
    string
  >),
  employmentType: 'EMPLOYEE',
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

/**
 * What a filter drops that carries meaning, so a username rule can tell a name it shortened on
 * purpose (O'Brien -> obrien) from one it mangled: letters of a script `ascii` cannot transliterate
 * (an Arabic name folds to nothing), or the `@` that `alnum` would glue a domain to a name with.
 */
const LOSSES: Record<string, (before: string) => string[]> = {
  ascii: (v) => untransliterable(v),
  alnum: (v) => (v.includes('@') ? ['@'] : []),
};

/** The letters and digits of a value that asciiFold cannot transliterate (it drops them). */
export function untransliterable(value: string): string[] {
  return [...value].filter((ch) => /[\p{L}\p{N}]/u.test(ch) && asciiFold(ch) === '');
}

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

type TFilterCall = { name: string; fn: (value: string, arg?: string) => string; arg: string | undefined };
type TTemplatePart = string | { field: string; filters: TFilterCall[] };

/** Templates are few and rendered for every person of a sync: each is parsed once. */
const compiled = new Map<string, TTemplatePart[]>();

function compileTemplate(template: string): TTemplatePart[] {
  const cached = compiled.get(template);
  if (cached) return cached;
  const parts: TTemplatePart[] = [];
  let last = 0;
  for (const m of template.matchAll(/\{([^{}]+)\}/g)) {
    if (m.index > last) parts.push(template.slice(last, m.index));
    const [field, ...filters] = m[1]!.split('|').map((s) => s.trim());
    parts.push({
      field: field ?? '',
      filters: filters.map((f) => {
        const [name, ...rest] = f.split(':');
        const fn = FILTERS[name ?? ''];
        if (!fn) throw new Error(`unknown mapping filter "${name}"`);
        return { name: name ?? '', fn, arg: rest.length ? rest.join(':') : undefined };
      }),
    });
    last = m.index + m[0].length;
  }
  if (last < template.length) parts.push(template.slice(last));
  if (compiled.size >= 1_000) compiled.clear();
  compiled.set(template, parts);
  return parts;
}

/** `lost`, when given, collects what filters dropped that carries meaning (see LOSSES). */
export function renderTemplate(template: string, source: TMappingSource, lost?: string[]): string {
  let out = '';
  for (const part of compileTemplate(template)) {
    if (typeof part === 'string') {
      out += part;
      continue;
    }
    let value = lookup(source, part.field);
    for (const f of part.filters) {
      if (lost && LOSSES[f.name]) lost.push(...LOSSES[f.name]!(value));
      value = f.fn(value, f.arg);
    }
    out += value;
  }
  return out;
}

export function renderMapping(mapping: TMapping, source: TMappingSource): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [attribute, template] of Object.entries(mapping)) {
    const value = renderTemplate(template, source).trim();
    out[attribute] = value === '' ? null : value;
  }
  return out;
}
