import {
  attributeLabel,
  IDENTITY_ATTRIBUTES,
  MOVER_ATTRIBUTES,
  PROFILE_ATTRIBUTES,
  type TIdentityAttribute,
} from '@/server/shared/identity-attributes.ts';

/** The source editor's form state, and how it becomes a save (the server validates it all again). */
export const FIELDS = [
  ['employeeNumber', 'Employee number'],
  ['externalId', 'Record id (default: employee number)'],
  ...(
    [
      'firstName',
      'lastName',
      'displayName',
      'email',
      'username',
      ...PROFILE_ATTRIBUTES,
      'employmentType',
    ] as const
  ).map((a) => [a, attributeLabel(a)] as const),
  ['status', 'Status'],
  ['active', 'Active (true/false)'],
  ['startDate', 'Start date'],
  ['endDate', 'End date'],
  ['managerEmployeeNumber', 'Manager’s employee number'],
] as const;
/** What precedence decides, attribute by attribute (the username only names a new person). */
export const PRECEDENCE_ATTRIBUTES = (Object.keys(IDENTITY_ATTRIBUTES) as TIdentityAttribute[]).filter(
  (a) => a !== 'username',
);
export const CORRELATION_ATTRIBUTES = [
  ['employeeNumber', 'Employee number'],
  ['email', 'Email'],
  ['username', 'Username'],
  ['name', 'First + last name'],
] as const;
export { MOVER_ATTRIBUTES };

export type TSourceKind = 'HR_CSV' | 'HR_DATABASE' | 'SCIM';
export type TDraft = {
  name: string;
  key: string;
  kind: TSourceKind;
  enabled: boolean;
  schedule: string;
  precedence: string;
  folder: string;
  delimiter: string;
  dateFormat: string;
  query: string;
  connectionString: string;
  columns: Record<string, string>;
  required: string[];
  correlation: Array<{ attributes: string[]; confirm: boolean }>;
  attributePrecedence: Record<string, string>;
  massChangePercent: string;
  snapshot: boolean;
  moverRevokes: string[];
};

export type TStoredSource = {
  id: string;
  key: string;
  name: string;
  kind: TSourceKind;
  enabled: boolean;
  schedule: string | null;
  precedence: number;
  config: {
    folder?: string;
    delimiter: string;
    dateFormat: string;
    query?: string;
    columns: Partial<Record<string, string>>;
    required: string[];
    correlation: Array<{ attributes: string[]; confirm: boolean }>;
    attributePrecedence: Partial<Record<string, number>>;
    massChangeThreshold: number;
    snapshot: boolean;
    moverRevokesRequestedAccessOn: string[];
  };
};

export function newDraft(): TDraft {
  return {
    name: '',
    key: '',
    kind: 'HR_CSV',
    enabled: true,
    schedule: '',
    precedence: '10',
    folder: '',
    delimiter: ',',
    dateFormat: 'YYYY-MM-DD',
    query: '',
    connectionString: '',
    columns: {},
    required: ['employeeNumber', 'firstName', 'lastName'],
    correlation: [
      { attributes: ['employeeNumber'], confirm: false },
      { attributes: ['email'], confirm: false },
    ],
    attributePrecedence: {},
    massChangePercent: '10',
    snapshot: false,
    moverRevokes: [],
  };
}

export function draftOf(s: TStoredSource): TDraft {
  return {
    name: s.name,
    key: s.key,
    kind: s.kind,
    enabled: s.enabled,
    schedule: s.schedule ?? '',
    precedence: String(s.precedence),
    folder: s.config.folder ?? '',
    delimiter: s.config.delimiter,
    dateFormat: s.config.dateFormat,
    query: s.config.query ?? '',
    connectionString: '',
    columns: Object.fromEntries(
      Object.entries(s.config.columns).filter((e): e is [string, string] => Boolean(e[1])),
    ),
    required: s.config.required,
    correlation: s.config.correlation,
    attributePrecedence: Object.fromEntries(
      Object.entries(s.config.attributePrecedence).map(([k, v]) => [k, String(v)]),
    ),
    massChangePercent: String(Math.round(s.config.massChangeThreshold * 1000) / 10),
    snapshot: s.config.snapshot,
    moverRevokes: s.config.moverRevokesRequestedAccessOn,
  };
}

export function toSaveInput(d: TDraft, id: string | null) {
  const number = (v: string) => (v.trim() === '' ? undefined : Number(v));
  return {
    ...(id ? { id } : {}),
    name: d.name,
    key: d.key,
    kind: d.kind,
    enabled: d.enabled,
    schedule: d.schedule.trim() || null,
    precedence: Number(d.precedence || 0),
    ...(d.connectionString ? { connectionString: d.connectionString } : {}),
    config: {
      ...(d.kind === 'HR_CSV' && d.folder.trim() ? { folder: d.folder.trim() } : {}),
      ...(d.kind === 'HR_DATABASE' ? { query: d.query } : {}),
      delimiter: d.delimiter,
      dateFormat: d.dateFormat,
      columns: Object.fromEntries(
        Object.entries(d.columns)
          .filter(([, v]) => v.trim() !== '')
          .map(([k, v]) => [k, v.trim()]),
      ),
      required: d.required,
      correlation: d.correlation.filter((r) => r.attributes.length > 0),
      attributePrecedence: Object.fromEntries(
        Object.entries(d.attributePrecedence).flatMap(([k, v]) =>
          number(v) === undefined ? [] : [[k, number(v)]],
        ),
      ),
      massChangeThreshold: (number(d.massChangePercent) ?? 10) / 100,
      snapshot: d.snapshot,
      moverRevokesRequestedAccessOn: d.moverRevokes,
    },
  };
}
