import { IDENTITY_ATTRIBUTES, type TIdentityAttribute } from '@/server/shared/identity-attributes.ts';
import {
  columnFor,
  SOURCE_FIELDS,
  type TDateFormat,
  type TSourceConfig,
  type TSourceField,
} from './source-config.ts';

/** A column an HR file may have: the record fields it feeds, whether it must be there, and a sample value. */
export type TExpectedColumn = { column: string; fields: TSourceField[]; required: boolean; example: string };

const EXAMPLE: Record<TSourceField, string> = {
  ...(Object.fromEntries(Object.entries(IDENTITY_ATTRIBUTES).map(([a, spec]) => [a, spec.example])) as Record<
    TIdentityAttribute,
    string
  >),
  externalId: IDENTITY_ATTRIBUTES.employeeNumber.example,
  active: 'true',
  managerEmployeeNumber: IDENTITY_ATTRIBUTES.manager.example,
};

function exampleDate(format: TDateFormat): string {
  const [y, m, d] = ['2026', '01', '05'];
  return {
    'YYYY-MM-DD': `${y}-${m}-${d}`,
    'DD/MM/YYYY': `${d}/${m}/${y}`,
    'MM/DD/YYYY': `${m}/${d}/${y}`,
    'DD.MM.YYYY': `${d}.${m}.${y}`,
  }[format];
}

/**
 * The columns a source reads, from its mapping: every record field has one (a mapped name, or the
 * field's own), the identifier's and the required fields' first. Two fields that read one column
 * (the identifier is the employee number unless mapped otherwise) are one column.
 */
export function expectedColumns(
  config: Pick<TSourceConfig, 'columns' | 'required' | 'dateFormat'>,
): TExpectedColumn[] {
  const identifier: TSourceField = config.columns.externalId ? 'externalId' : 'employeeNumber';
  const byColumn = new Map<string, TExpectedColumn>();
  for (const field of SOURCE_FIELDS) {
    if (field === 'externalId' && !config.columns.externalId) continue;
    const column = columnFor(config, field);
    const required = field === identifier || config.required.includes(field);
    const example = field === 'startDate' ? exampleDate(config.dateFormat) : EXAMPLE[field];
    const seen = byColumn.get(column);
    if (seen) {
      seen.fields.push(field);
      seen.required ||= required;
    } else byColumn.set(column, { column, fields: [field], required, example });
  }
  const all = [...byColumn.values()];
  return [...all.filter((c) => c.required), ...all.filter((c) => !c.required)];
}

/** What a file's header lacks (of the required columns) and has that the source does not read. */
export function checkHeader(
  config: Pick<TSourceConfig, 'columns' | 'required' | 'dateFormat'>,
  header: string[],
) {
  const expected = expectedColumns(config);
  const have = new Set(header);
  const known = new Set(expected.map((c) => c.column));
  return {
    missing: expected.filter((c) => c.required && !have.has(c.column)),
    /** Optional columns the mapping names explicitly and the file lacks: those fields stay as they are. */
    absentMapped: expected.filter(
      (c) => !c.required && !have.has(c.column) && c.fields.some((f) => config.columns[f]),
    ),
    unknown: header.filter((h) => h !== '' && !known.has(h)),
  };
}

/** A CSV template for a source: the header it expects and one example row, in its delimiter. */
export function templateCsv(
  config: Pick<TSourceConfig, 'columns' | 'required' | 'dateFormat' | 'delimiter'>,
): string {
  const columns = expectedColumns(config);
  const cell = (v: string) =>
    /["\r\n]/.test(v) || v.includes(config.delimiter) ? `"${v.replaceAll('"', '""')}"` : v;
  return `${columns.map((c) => cell(c.column)).join(config.delimiter)}\n${columns.map((c) => cell(c.example)).join(config.delimiter)}\n`;
}
