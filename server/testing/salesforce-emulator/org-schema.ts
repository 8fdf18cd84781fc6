import { KEY_PREFIX } from '@/server/testing/salesforce-emulator/ids.ts';

/**
 * The slice of the Object Reference the emulator serves: the fields of User, Profile,
 * PermissionSet, PermissionSetGroup, PermissionSetAssignment and UserLogin that the connector reads or writes, with the
 * properties (createable, updateable, required, length, restricted picklists, reference targets)
 * that decide which error Salesforce answers a write with.
 */
export type TFieldType = 'id' | 'string' | 'email' | 'boolean' | 'reference' | 'picklist' | 'datetime';

export type TFieldDef = {
  type: TFieldType;
  label: string;
  createable?: boolean;
  updateable?: boolean;
  required?: boolean;
  maxLength?: number;
  refersTo?: keyof typeof KEY_PREFIX;
  picklist?: ReadonlySet<string>;
};

export type TObjectName =
  'User' | 'Profile' | 'PermissionSet' | 'PermissionSetGroup' | 'PermissionSetAssignment' | 'UserLogin';

const TIME_ZONES = new Set(['GMT', ...Intl.supportedValuesOf('timeZone')]);
const LOCALES = new Set([
  'en_US',
  'en_GB',
  'en_CA',
  'en_AU',
  'en_IE',
  'de_DE',
  'de_AT',
  'de_CH',
  'fr_FR',
  'fr_CA',
  'es_ES',
  'it_IT',
  'nl_NL',
  'ja_JP',
  'pt_BR',
  'sv_SE',
  'da_DK',
  'fi_FI',
  'nb_NO',
  'pl_PL',
]);
const LANGUAGES = new Set([
  'en_US',
  'en_GB',
  'de',
  'fr',
  'es',
  'it',
  'ja',
  'nl_NL',
  'pt_BR',
  'sv',
  'da',
  'fi',
  'no',
  'pl',
  'zh_CN',
  'ko',
]);
const ENCODINGS = new Set([
  'UTF-8',
  'ISO-8859-1',
  'Shift_JIS',
  'ISO-2022-JP',
  'EUC-JP',
  'ks_c_5601-1987',
  'Big5',
  'GB2312',
  'Big5-HKSCS',
  'x-SJIS_0213',
]);

const readOnly = (type: TFieldType, label: string, extra: Partial<TFieldDef> = {}): TFieldDef => ({
  type,
  label,
  ...extra,
});
const writable = (type: TFieldType, label: string, extra: Partial<TFieldDef> = {}): TFieldDef => ({
  type,
  label,
  createable: true,
  updateable: true,
  ...extra,
});

const audit = {
  Id: readOnly('id', 'Record ID'),
  CreatedDate: readOnly('datetime', 'Created Date'),
  LastModifiedDate: readOnly('datetime', 'Last Modified Date'),
  SystemModstamp: readOnly('datetime', 'System Modstamp'),
};

export const SCHEMA: Record<TObjectName, Record<string, TFieldDef>> = {
  User: {
    ...audit,
    Username: writable('string', 'Username', { required: true, maxLength: 80 }),
    LastName: writable('string', 'Last Name', { required: true, maxLength: 80 }),
    FirstName: writable('string', 'First Name', { maxLength: 40 }),
    Name: readOnly('string', 'Full Name'),
    Email: writable('email', 'Email', { required: true, maxLength: 128 }),
    Alias: writable('string', 'Alias', { required: true, maxLength: 8 }),
    CommunityNickname: writable('string', 'Nickname', { maxLength: 40 }),
    ProfileId: writable('reference', 'Profile ID', { required: true, refersTo: 'Profile' }),
    TimeZoneSidKey: writable('picklist', 'Time Zone', { required: true, picklist: TIME_ZONES }),
    LocaleSidKey: writable('picklist', 'Locale', { required: true, picklist: LOCALES }),
    EmailEncodingKey: writable('picklist', 'Email Encoding', { required: true, picklist: ENCODINGS }),
    LanguageLocaleKey: writable('picklist', 'Language', { required: true, picklist: LANGUAGES }),
    IsActive: writable('boolean', 'Active'),
    Title: writable('string', 'Title', { maxLength: 80 }),
    Department: writable('string', 'Department', { maxLength: 80 }),
    EmployeeNumber: writable('string', 'Employee Number', { maxLength: 20 }),
    CompanyName: writable('string', 'Company Name', { maxLength: 80 }),
    Phone: writable('string', 'Phone', { maxLength: 40 }),
    MobilePhone: writable('string', 'Mobile', { maxLength: 40 }),
    FederationIdentifier: writable('string', 'SAML Federation ID', { maxLength: 512 }),
    UserType: readOnly('string', 'User Type'),
    LastLoginDate: readOnly('datetime', 'Last Login'),
  },
  Profile: {
    ...audit,
    Name: readOnly('string', 'Name'),
    Description: readOnly('string', 'Description'),
    UserLicenseId: readOnly('reference', 'User License ID', { refersTo: 'UserLicense' }),
    UserType: readOnly('string', 'User Type'),
  },
  PermissionSet: {
    ...audit,
    Name: readOnly('string', 'Name'),
    Label: readOnly('string', 'Label'),
    Description: readOnly('string', 'Description'),
    IsOwnedByProfile: readOnly('boolean', 'Is Owned By Profile'),
    ProfileId: readOnly('reference', 'Profile ID', { refersTo: 'Profile' }),
    LicenseId: readOnly('reference', 'License ID', { refersTo: 'UserLicense' }),
    // Set on the aggregate permission set behind each permission set group; those cannot be assigned directly.
    PermissionSetGroupId: readOnly('reference', 'Permission Set Group ID', {
      refersTo: 'PermissionSetGroup',
    }),
  },
  PermissionSetGroup: {
    ...audit,
    DeveloperName: readOnly('string', 'Developer Name'),
    MasterLabel: readOnly('string', 'Label'),
    Description: readOnly('string', 'Description'),
    // Updated, Outdated, Updating or Failed: whether the aggregate set reflects its members yet.
    Status: readOnly('string', 'Status'),
  },
  PermissionSetAssignment: {
    ...audit,
    // Create-only: an assignment is changed by deleting it and inserting another (Object Reference).
    AssigneeId: readOnly('reference', 'Assignee ID', { createable: true, required: true, refersTo: 'User' }),
    // One of the two: a permission set, or a permission set group (then PermissionSetId becomes the
    // group's aggregate set). OrgStore checks that exactly one is given.
    PermissionSetId: readOnly('reference', 'Permission Set ID', {
      createable: true,
      refersTo: 'PermissionSet',
    }),
    PermissionSetGroupId: readOnly('reference', 'Permission Set Group ID', {
      createable: true,
      refersTo: 'PermissionSetGroup',
    }),
  },
  UserLogin: {
    ...audit,
    UserId: readOnly('reference', 'User ID', { refersTo: 'User' }),
    IsFrozen: readOnly('boolean', 'Is Frozen', { updateable: true }),
    IsPasswordLocked: readOnly('boolean', 'Is Password Locked'),
  },
};

/** Parent relationships usable in SOQL paths such as `PermissionSet.IsOwnedByProfile`. */
export const RELATIONSHIPS: Partial<
  Record<TObjectName, Record<string, { field: string; object: TObjectName }>>
> = {
  User: { Profile: { field: 'ProfileId', object: 'Profile' } },
  PermissionSetAssignment: {
    Assignee: { field: 'AssigneeId', object: 'User' },
    PermissionSet: { field: 'PermissionSetId', object: 'PermissionSet' },
  },
  UserLogin: { User: { field: 'UserId', object: 'User' } },
};

export const isObjectName = (name: string): name is TObjectName => Object.hasOwn(SCHEMA, name);

/** Salesforce matches object and field names case-insensitively; responses use the declared case. */
export function canonicalField(object: TObjectName, name: string): string | undefined {
  const lower = name.toLowerCase();
  return Object.keys(SCHEMA[object]).find((f) => f.toLowerCase() === lower);
}
