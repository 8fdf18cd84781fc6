/**
 * The attributes of a person: the one list the record schemas, ingestion (HR files, HR databases,
 * SCIM), source precedence, the mapping variables of connector templates, birthright conditions,
 * mover detection and the pages' labels are derived from. Pure: pages run it too.
 *
 * Most attributes are `profile` attributes: optional free text that every source may send, precedence
 * decides, templates and birthright rules may use, and whose change makes a mover. Adding one is an
 * entry here plus its column on Identity (prisma/schema.prisma and a migration); nothing else lists
 * them (docs/engineering.md "Adding an identity attribute"). The others have rules of their own,
 * written where they apply (a name is required, an email unique, a status derived from dates…).
 */
type TAttributeSpec = {
  /** How the pages and the history name it. */
  label: string;
  kind: 'profile' | 'identifier' | 'name' | 'enum' | 'date' | 'status' | 'manager';
  /** The longest value every edge accepts (a SCIM User, an HR row, the portal). */
  maxLength?: number;
  /** The value in an HR file's template row, and the sample person's value in a mapping preview. */
  example: string;
  /** SCIM Users carry it in the enterprise extension under this name (RFC 7643 §4.3). */
  scimEnterprise?: string;
  /** A connector's attribute templates may use it as `{name}`. */
  isMappingVariable?: boolean;
};

export const IDENTITY_ATTRIBUTES = {
  employeeNumber: {
    label: 'Employee number',
    kind: 'identifier',
    maxLength: 64,
    example: 'E1234',
    scimEnterprise: 'employeeNumber',
    isMappingVariable: true,
  },
  username: {
    label: 'Username',
    kind: 'identifier',
    maxLength: 128,
    example: 'jane.doe',
    isMappingVariable: true,
  },
  /** RFC 5321. */
  email: {
    label: 'Email',
    kind: 'identifier',
    maxLength: 254,
    example: 'jane.doe@example.com',
    isMappingVariable: true,
  },
  firstName: { label: 'First name', kind: 'name', maxLength: 64, example: 'Jane', isMappingVariable: true },
  lastName: { label: 'Last name', kind: 'name', maxLength: 64, example: 'Doe', isMappingVariable: true },
  displayName: {
    label: 'Display name',
    kind: 'name',
    maxLength: 256,
    example: 'Jane Doe',
    isMappingVariable: true,
  },
  department: {
    label: 'Department',
    kind: 'profile',
    maxLength: 128,
    example: 'Finance',
    scimEnterprise: 'department',
    isMappingVariable: true,
  },
  title: {
    label: 'Title',
    kind: 'profile',
    maxLength: 128,
    example: 'Financial Analyst',
    isMappingVariable: true,
  },
  location: {
    label: 'Location',
    kind: 'profile',
    maxLength: 128,
    example: 'London',
    isMappingVariable: true,
  },
  costCenter: {
    label: 'Cost center',
    kind: 'profile',
    maxLength: 64,
    example: 'CC-100',
    scimEnterprise: 'costCenter',
    isMappingVariable: true,
  },
  employmentType: { label: 'Employment type', kind: 'enum', example: 'Employee', isMappingVariable: true },
  status: { label: 'Status', kind: 'status', example: 'Active' },
  startDate: { label: 'Start date', kind: 'date', example: '' },
  endDate: { label: 'End date', kind: 'date', example: '' },
  manager: { label: 'Manager', kind: 'manager', example: 'E1000' },
} as const satisfies Record<string, TAttributeSpec>;

export type TIdentityAttribute = keyof typeof IDENTITY_ATTRIBUTES;

type TOfKind<K extends TAttributeSpec['kind']> = {
  [A in TIdentityAttribute]: (typeof IDENTITY_ATTRIBUTES)[A]['kind'] extends K ? A : never;
}[TIdentityAttribute];

/** The free-text attributes: one entry above each, and the code below them handles them all alike. */
export type TProfileAttribute = TOfKind<'profile'>;
export const PROFILE_ATTRIBUTES = attributesWhere((a) => a.kind === 'profile') as TProfileAttribute[];

export type TMappingVariable = {
  [A in TIdentityAttribute]: (typeof IDENTITY_ATTRIBUTES)[A] extends { isMappingVariable: true } ? A : never;
}[TIdentityAttribute];
/** What `{name}` in a connector's attribute template may name (besides `attributes.<name>`). */
export const MAPPING_VARIABLES = attributesWhere((a) => a.isMappingVariable === true) as TMappingVariable[];

/** The birthright rules' conditions test these: the employment type and the profile attributes. */
export const BIRTHRIGHT_ATTRIBUTES = [...PROFILE_ATTRIBUTES, 'employmentType'] as const;
export type TBirthrightAttribute = (typeof BIRTHRIGHT_ATTRIBUTES)[number];

/** A change of these makes a mover (they feed birthright and approvals); `managerId` is the manager. */
export const MOVER_ATTRIBUTES = ['managerId', 'employmentType', ...PROFILE_ATTRIBUTES] as const;

/** `{ department: true, … }` for each profile attribute: a Prisma select, or a zod mask. */
export const PROFILE_MASK = Object.fromEntries(PROFILE_ATTRIBUTES.map((a) => [a, true])) as Record<
  TProfileAttribute,
  true
>;

/** An attribute's maximum length, where it has one. */
export const ATTRIBUTE_LIMITS = Object.fromEntries(
  Object.entries(IDENTITY_ATTRIBUTES).flatMap(([k, a]) => ('maxLength' in a ? [[k, a.maxLength]] : [])),
) as {
  [
    A in TIdentityAttribute as (typeof IDENTITY_ATTRIBUTES)[A] extends { maxLength: number } ? A : never
  ]: number;
};

export const attributeLabel = (attribute: TIdentityAttribute): string => IDENTITY_ATTRIBUTES[attribute].label;

function attributesWhere(test: (a: TAttributeSpec) => boolean): TIdentityAttribute[] {
  return (Object.keys(IDENTITY_ATTRIBUTES) as TIdentityAttribute[]).filter((k) =>
    test(IDENTITY_ATTRIBUTES[k]),
  );
}

/** A source record's fields that are not registry attributes, labelled (server/modules/lifecycle/source-record.ts). */
const SOURCE_ONLY_FIELDS: Record<string, string> = {
  managerEmployeeNumber: 'Manager (employee number)',
  managerIdentityId: 'Manager (Gatehouse id)',
  managerReference: 'Manager (as the source names them)',
  active: 'Active',
};
/** Documents, not fields: a SCIM User as the IdP sent it (served back over SCIM) and extension attributes. */
const NOT_SHOWN = new Set(['raw', 'attributes']);

/**
 * A source record's fields as a page shows them: the registry's attributes first, in its order and
 * with its labels, then the record's own fields (how it names a manager, SCIM's `active`), then any
 * field neither knows, by name. The source's own document is left out.
 */
export function sourceRecordFields(
  data: Record<string, string | null>,
): Array<{ key: string; label: string; value: string | null }> {
  const known = new Map<string, { label: string; at: number }>([
    ...(Object.keys(IDENTITY_ATTRIBUTES) as TIdentityAttribute[])
      .filter((a) => a !== 'manager')
      .map((a, at) => [a, { label: attributeLabel(a), at }] as const),
    ...Object.entries(SOURCE_ONLY_FIELDS).map(([k, label], at) => [k, { label, at: 100 + at }] as const),
  ]);
  return Object.entries(data)
    .filter(([key]) => !NOT_SHOWN.has(key))
    .map(([key, value]) => ({ key, value, spec: known.get(key) }))
    .sort((a, b) => (a.spec?.at ?? Infinity) - (b.spec?.at ?? Infinity) || a.key.localeCompare(b.key))
    .map(({ key, value, spec }) => ({ key, label: spec?.label ?? key, value }));
}
