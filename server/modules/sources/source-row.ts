import { ZSourceRecord, type TSourceRecord } from '@/server/modules/lifecycle/index.ts';
import {
  columnFor,
  SOURCE_FIELDS,
  type TDateFormat,
  type TSourceConfig,
  type TSourceField,
} from './source-config.ts';

/** One line of the validation report. */
export type TReportEntry = {
  row: number;
  field: string | null;
  code: TReportCode;
  message: string;
  fatal: boolean;
};
export type TReportCode =
  | 'MISSING_REQUIRED'
  | 'BAD_DATE'
  | 'BAD_VALUE'
  | 'UNKNOWN_MANAGER'
  | 'DUPLICATE_EMPLOYEE_NUMBER'
  | 'DUPLICATE_EMAIL'
  | 'DUPLICATE_ID'
  | 'MISSING_COLUMN'
  | 'UNKNOWN_COLUMN'
  | 'SYNTAX'
  /** A valid row the run did not get to apply (it stopped part-way); running the file again applies it. */
  | 'NOT_APPLIED';

/** A row as read: column name -> text (null for an empty cell). */
export type TRawRow = { row: number; values: Record<string, string | null> };

const STATUS: Record<string, TSourceRecord['status']> = {
  active: 'ACTIVE',
  employed: 'ACTIVE',
  prehire: 'PREHIRE',
  'pre-hire': 'PREHIRE',
  'pre hire': 'PREHIRE',
  hired: 'PREHIRE',
  suspended: 'SUSPENDED',
  'on leave': 'SUSPENDED',
  leave: 'SUSPENDED',
  terminated: 'TERMINATED',
  leaver: 'TERMINATED',
  left: 'TERMINATED',
  inactive: 'TERMINATED',
};
const STATUS_VALUES = new Set(['ACTIVE', 'PREHIRE', 'SUSPENDED', 'TERMINATED']);
const EMPLOYMENT: Record<string, TSourceRecord['employmentType']> = {
  employee: 'EMPLOYEE',
  'full-time': 'EMPLOYEE',
  'full time': 'EMPLOYEE',
  'part-time': 'EMPLOYEE',
  'part time': 'EMPLOYEE',
  permanent: 'EMPLOYEE',
  contractor: 'CONTRACTOR',
  contract: 'CONTRACTOR',
  intern: 'INTERN',
  internship: 'INTERN',
  temporary: 'TEMPORARY',
  temp: 'TEMPORARY',
};
const BOOLEAN: Record<string, boolean> = {
  true: true,
  yes: true,
  y: true,
  '1': true,
  false: false,
  no: false,
  n: false,
  '0': false,
};

const DATE_PATTERNS: Record<
  TDateFormat,
  { re: RegExp; order: ['y' | 'm' | 'd', 'y' | 'm' | 'd', 'y' | 'm' | 'd'] }
> = {
  'YYYY-MM-DD': { re: /^(\d{4})-(\d{1,2})-(\d{1,2})$/, order: ['y', 'm', 'd'] },
  'DD/MM/YYYY': { re: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, order: ['d', 'm', 'y'] },
  'MM/DD/YYYY': { re: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, order: ['m', 'd', 'y'] },
  'DD.MM.YYYY': { re: /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/, order: ['d', 'm', 'y'] },
};

/** A calendar date in the configured format, as UTC midnight; null when it is not a real date. */
export function parseSourceDate(text: string, format: TDateFormat): Date | null {
  const { re, order } = DATE_PATTERNS[format];
  const m = re.exec(text.trim());
  if (!m) return null;
  const parts = { y: 0, m: 0, d: 0 };
  order.forEach((k, i) => (parts[k] = Number(m[i + 1])));
  const date = new Date(Date.UTC(parts.y, parts.m - 1, parts.d));
  if (
    date.getUTCFullYear() !== parts.y ||
    date.getUTCMonth() !== parts.m - 1 ||
    date.getUTCDate() !== parts.d
  )
    return null;
  return date;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Any value a cell may carry must also be storable, or the row passes validation and fails while
 * being applied, after earlier batches committed. PostgreSQL refuses U+0000 in text; no HR field
 * holds a control character (a quoted CSV cell can smuggle in any of them); and a unique index
 * (employee number, email, username) refuses entries over about 2,700 bytes.
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this looks for
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;
export const MAX_CELL_LENGTH = 500;

function unstorable(value: string): string | null {
  if (value.length > MAX_CELL_LENGTH)
    return `is ${value.length} characters long; at most ${MAX_CELL_LENGTH} are allowed`;
  const control = CONTROL_CHARACTER.exec(value);
  if (control)
    return `contains the control character U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  return null;
}

/**
 * Turns a raw row into a source record with the configured mapping, reporting what is wrong with it.
 * A column the row does not have says nothing (undefined); an empty cell says "no value" (null).
 */
export function mapSourceRow(
  raw: TRawRow,
  config: Pick<TSourceConfig, 'columns' | 'required' | 'dateFormat'>,
): { record: TSourceRecord | null; issues: TReportEntry[] } {
  const issues: TReportEntry[] = [];
  const issue = (field: TSourceField, code: TReportCode, message: string) =>
    issues.push({ row: raw.row, field, code, message, fatal: true });
  const cell = (field: TSourceField): string | null | undefined => {
    const column = columnFor(config, field);
    if (!(column in raw.values)) return undefined;
    const v = raw.values[column];
    return v === null || v === undefined || v.trim() === '' ? null : v.trim();
  };
  const out: Record<string, unknown> = {};
  const refusedColumns = new Set<string>();
  for (const field of SOURCE_FIELDS) {
    const value = cell(field);
    if (value === undefined) continue;
    if (value === null) {
      if (field !== 'externalId') out[field] = null;
      continue;
    }
    const refused = unstorable(value);
    if (refused) {
      // The identifier usually is the employee-number column: one cell, one line in the report.
      if (!refusedColumns.has(columnFor(config, field))) issue(field, 'BAD_VALUE', `${field} ${refused}`);
      refusedColumns.add(columnFor(config, field));
      continue;
    }
    switch (field) {
      case 'startDate':
      case 'endDate': {
        const date = parseSourceDate(value, config.dateFormat);
        if (!date)
          issue(field, 'BAD_DATE', `${field}: “${value}” is not a date in the format ${config.dateFormat}`);
        else out[field] = date;
        break;
      }
      case 'status': {
        const s =
          STATUS[value.toLowerCase()] ??
          (STATUS_VALUES.has(value.toUpperCase())
            ? (value.toUpperCase() as TSourceRecord['status'])
            : undefined);
        if (!s)
          issue(
            field,
            'BAD_VALUE',
            `status: “${value}” is not one of active, pre-hire, suspended, terminated`,
          );
        else out.status = s;
        break;
      }
      case 'employmentType': {
        const t = EMPLOYMENT[value.toLowerCase()];
        if (!t)
          issue(
            field,
            'BAD_VALUE',
            `employmentType: “${value}” is not one of employee, contractor, intern, temporary`,
          );
        else out.employmentType = t;
        break;
      }
      case 'active': {
        const b = BOOLEAN[value.toLowerCase()];
        if (b === undefined) issue(field, 'BAD_VALUE', `active: “${value}” is not true or false`);
        else out.active = b;
        break;
      }
      case 'email':
        if (!EMAIL.test(value)) issue(field, 'BAD_VALUE', `email: “${value}” is not an email address`);
        else out.email = value;
        break;
      default:
        out[field] = value;
    }
  }
  for (const field of config.required) {
    if (out[field] === undefined || out[field] === null) {
      if (!issues.some((i) => i.field === field) && !refusedColumns.has(columnFor(config, field)))
        issue(
          field,
          'MISSING_REQUIRED',
          `${field} is required (column “${columnFor(config, field)}”) and is empty`,
        );
    }
  }
  const externalId = cell('externalId');
  if (!externalId) {
    if (!issues.some((i) => i.code === 'MISSING_REQUIRED' && i.field === columnFieldOfExternalId(config))) {
      issues.push({
        row: raw.row,
        field: 'externalId',
        code: 'MISSING_REQUIRED',
        message: `the row has no identifier (column “${columnFor(config, 'externalId')}”)`,
        fatal: true,
      });
    }
  }
  if (issues.length || !externalId) return { record: null, issues };
  const parsed = ZSourceRecord.safeParse({ ...out, externalId });
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    issues.push({
      row: raw.row,
      field: String(first.path[0] ?? ''),
      code: 'BAD_VALUE',
      message: `${first.path.join('.')}: ${first.message}`,
      fatal: true,
    });
    return { record: null, issues };
  }
  return { record: parsed.data, issues };
}

function columnFieldOfExternalId(config: Pick<TSourceConfig, 'columns'>): TSourceField {
  return config.columns.externalId ? 'externalId' : 'employeeNumber';
}
