import type { ConnectorType } from '@/prisma/generated/enums.ts';

/** Shown (and saved) only while another field has one of these values, e.g. OAuth's token URL. */
export type TWhen = { path: string; is: readonly string[] };

/**
 * One setting of a connector's configuration (its zod schema in server/connectors/<type>/ is the
 * truth; connector-form-fields.test.ts checks every path here is one the schema reads). `path` is
 * dotted into Application.config. An empty text or number field is left out, so the schema's
 * default applies; the placeholder shows that default.
 */
export type TSettingsField = {
  path: string;
  label: string;
  help?: string;
  kind: 'text' | 'url' | 'number' | 'boolean' | 'select' | 'textarea' | 'list';
  options?: ReadonlyArray<{ value: string; label: string }>;
  /** For selects and checkboxes: what the schema assumes when the setting is absent. */
  defaultValue?: string | boolean;
  placeholder?: string;
  required?: boolean;
  when?: TWhen;
  /** Rarely changed: under "More settings". */
  advanced?: boolean;
};

/** A write-only secret (server/connectors' secrets schema); the page learns only whether it is set. */
export type TSecretField = { name: string; label: string; help?: string; multiline?: boolean; when?: TWhen };

export type TConnectorForm = {
  fields: readonly TSettingsField[];
  secrets: readonly TSecretField[];
  /** Whether "Test connection" means anything: a manual application has nothing to sign in to. */
  canTest: boolean;
};

const ADVANCED = { advanced: true } as const;

/** Shown while `path` has one of these values. */
const whenIs = (path: string, ...is: string[]): TWhen => ({ path, is });

/** How long one call to the target may take, in ms (each connector's own default and ceiling). */
const timeoutField = (defaultMs: number, maxMs: number): TSettingsField => ({
  path: 'timeoutMs',
  label: 'Timeout (ms)',
  kind: 'number',
  placeholder: String(defaultMs),
  help: `500 to ${maxMs}.`,
  ...ADVANCED,
});

/** How many entries one read asks the target for. */
const pageSizeField = (defaultSize: number, help: string): TSettingsField => ({
  path: 'pageSize',
  label: 'Page size',
  kind: 'number',
  placeholder: String(defaultSize),
  help,
  ...ADVANCED,
});

const LDAP: TConnectorForm = {
  canTest: true,
  fields: [
    {
      path: 'url',
      label: 'Server URL',
      kind: 'url',
      required: true,
      placeholder: 'ldap://ldap.example.com:389',
      help: 'ldap:// or ldaps://, the host and its port.',
    },
    {
      path: 'bindDn',
      label: 'Bind DN',
      kind: 'text',
      required: true,
      placeholder: 'cn=gatehouse,dc=example,dc=com',
      help: 'The account Gatehouse signs in as; its password is under Secrets.',
    },
    {
      path: 'baseDn',
      label: 'Base DN',
      kind: 'text',
      required: true,
      placeholder: 'dc=example,dc=com',
      help: 'Where the directory starts; people and groups are below it.',
    },
    {
      path: 'peopleOu',
      label: 'People OU',
      kind: 'text',
      placeholder: 'ou=people',
      help: 'Relative to the base DN: where accounts are created and looked for.',
    },
    {
      path: 'groupsOu',
      label: 'Groups OU',
      kind: 'text',
      placeholder: 'ou=groups',
      help: 'Relative to the base DN: where the groups (the entitlements) are.',
    },
    {
      path: 'disable.method',
      label: 'Disabling an account',
      kind: 'select',
      defaultValue: 'lockAttribute',
      options: [
        { value: 'lockAttribute', label: 'Lock it (password policy lock time)' },
        { value: 'moveToOu', label: 'Move it to another OU' },
        { value: 'none', label: 'Leave it as it is' },
      ],
      help: 'What a disabled account looks like in the directory.',
    },
    {
      path: 'disable.ou',
      label: 'OU for disabled accounts',
      kind: 'text',
      placeholder: 'ou=disabled',
      help: 'Relative to the base DN.',
      when: whenIs('disable.method', 'moveToOu'),
    },
    {
      path: 'tls.startTls',
      label: 'Use StartTLS',
      kind: 'boolean',
      defaultValue: false,
      help: 'Upgrade an ldap:// connection to TLS before signing in.',
    },
    {
      path: 'tls.rejectUnauthorized',
      label: 'Check the server’s certificate',
      kind: 'boolean',
      defaultValue: true,
      help: 'Turn off only for a test directory with a self-signed certificate.',
    },
    {
      path: 'tls.caCertPem',
      label: 'CA certificate (PEM)',
      kind: 'textarea',
      placeholder: '-----BEGIN CERTIFICATE-----',
      help: 'When the server’s certificate is signed by your own CA.',
      ...ADVANCED,
    },
    {
      path: 'usernameAttribute',
      label: 'Username attribute',
      kind: 'text',
      placeholder: 'uid',
      help: 'The attribute that names an account in its DN.',
      ...ADVANCED,
    },
    {
      path: 'accountObjectClasses',
      label: 'Account object classes',
      kind: 'list',
      placeholder: 'top\nperson\norganizationalPerson\ninetOrgPerson',
      help: 'One a line; the last is the account’s own class.',
      ...ADVANCED,
    },
    {
      path: 'placeholderMember',
      label: 'Placeholder member DN',
      kind: 'text',
      placeholder: 'cn=nobody,<base DN>',
      help: 'Stands in a group when its last real member leaves (groupOfNames needs one).',
      ...ADVANCED,
    },
    timeoutField(10000, 120000),
    pageSizeField(500, 'Entries a search reads at a time (10 to 5000).'),
    {
      path: 'poolSize',
      label: 'Connections',
      kind: 'number',
      placeholder: '4',
      help: 'Connections kept open per worker (1 to 32).',
      ...ADVANCED,
    },
  ],
  secrets: [{ name: 'bindPassword', label: 'Bind password', help: 'The password of the bind DN.' }],
};

const SCIM_AUTH = whenIs('auth.type', 'oauthClientCredentials');
const SCIM: TConnectorForm = {
  canTest: true,
  fields: [
    {
      path: 'baseUrl',
      label: 'SCIM base URL',
      kind: 'url',
      required: true,
      placeholder: 'https://app.example.com/scim/v2',
      help: 'The service’s SCIM root, without /Users.',
    },
    {
      path: 'auth.type',
      label: 'Signing in',
      kind: 'select',
      required: true,
      defaultValue: 'bearer',
      options: [
        { value: 'bearer', label: 'Bearer token' },
        { value: 'basic', label: 'User name and password (HTTP Basic)' },
        { value: 'oauthClientCredentials', label: 'OAuth 2.0 client credentials' },
      ],
      help: 'How the service wants to be called; the secret it needs is under Secrets.',
    },
    {
      path: 'auth.tokenUrl',
      label: 'Token URL',
      kind: 'url',
      required: true,
      placeholder: 'https://login.example.com/oauth2/token',
      when: SCIM_AUTH,
    },
    { path: 'auth.clientId', label: 'Client ID', kind: 'text', required: true, when: SCIM_AUTH },
    {
      path: 'auth.scope',
      label: 'Scope',
      kind: 'text',
      placeholder: 'scim',
      help: 'Leave empty when the service needs none.',
      when: SCIM_AUTH,
    },
    {
      path: 'auth.clientAuth',
      label: 'Client authentication',
      kind: 'select',
      defaultValue: 'basic',
      options: [
        { value: 'basic', label: 'HTTP Basic (the standard)' },
        { value: 'post', label: 'In the form body' },
      ],
      when: SCIM_AUTH,
    },
    {
      path: 'userIdentity',
      label: 'Account username is',
      kind: 'select',
      defaultValue: 'userName',
      options: [
        { value: 'userName', label: 'the SCIM userName' },
        { value: 'externalId', label: 'the SCIM externalId' },
      ],
      help: 'Where Gatehouse keeps the account’s username on the service, and looks accounts up by it.',
    },
    {
      path: 'groupsAsEntitlements',
      label: 'Groups are entitlements',
      kind: 'boolean',
      defaultValue: true,
      help: 'Granting adds the account to the group; off when the service has no groups.',
    },
    {
      path: 'disable',
      label: 'Disabling an account',
      kind: 'select',
      defaultValue: 'active',
      options: [
        { value: 'active', label: 'Set active to false' },
        { value: 'none', label: 'The service has no such state' },
      ],
    },
    {
      path: 'patchStyle.updates',
      label: 'Updates are sent as',
      kind: 'select',
      defaultValue: 'path',
      options: [
        { value: 'path', label: 'One PATCH operation per attribute' },
        { value: 'valueObject', label: 'One PATCH operation without a path' },
        { value: 'put', label: 'PUT of the whole User' },
      ],
      help: 'For services that read RFC 7644 narrowly.',
      ...ADVANCED,
    },
    {
      path: 'patchStyle.memberRemoval',
      label: 'Group members are removed by',
      kind: 'select',
      defaultValue: 'pathFilter',
      options: [
        { value: 'pathFilter', label: 'members[value eq "id"]' },
        { value: 'value', label: 'members with a value list' },
      ],
      ...ADVANCED,
    },
    timeoutField(15000, 120000),
    pageSizeField(100, 'Resources a list request asks for (1 to 1000).'),
  ],
  secrets: [
    { name: 'token', label: 'Bearer token', when: whenIs('auth.type', 'bearer') },
    { name: 'username', label: 'User name', when: whenIs('auth.type', 'basic') },
    { name: 'password', label: 'Password', when: whenIs('auth.type', 'basic') },
    { name: 'clientSecret', label: 'Client secret', when: SCIM_AUTH },
  ],
};

const SALESFORCE: TConnectorForm = {
  canTest: true,
  fields: [
    {
      path: 'loginUrl',
      label: 'Login URL',
      kind: 'url',
      placeholder: 'https://login.salesforce.com',
      help: 'Your org’s My Domain URL (needed for client credentials); test.salesforce.com for a sandbox.',
    },
    {
      path: 'auth.flow',
      label: 'Signing in',
      kind: 'select',
      required: true,
      defaultValue: 'jwtBearer',
      options: [
        { value: 'jwtBearer', label: 'JWT bearer (certificate)' },
        { value: 'clientCredentials', label: 'Client credentials' },
        { value: 'password', label: 'User name and password (developer orgs only)' },
      ],
      help: 'JWT bearer or client credentials in production: no user password in Gatehouse.',
    },
    {
      path: 'auth.clientId',
      label: 'Consumer key',
      kind: 'text',
      required: true,
      placeholder: '3MVG9…',
      help: 'The connected app’s consumer key (client id).',
    },
    {
      path: 'auth.username',
      label: 'Integration user',
      kind: 'text',
      required: true,
      placeholder: 'integration@example.com',
      when: whenIs('auth.flow', 'jwtBearer', 'password'),
    },
    {
      path: 'auth.audience',
      label: 'Audience',
      kind: 'url',
      placeholder: 'https://login.salesforce.com',
      help: 'test.salesforce.com for a sandbox.',
      when: whenIs('auth.flow', 'jwtBearer'),
    },
    {
      path: 'defaultProfileId',
      label: 'Default profile Id',
      kind: 'text',
      required: true,
      placeholder: '00e000000000001AAA',
      help: 'New users get this profile; revoking a Profile entitlement moves the user back to it.',
    },
    {
      path: 'disableMeans',
      label: 'Disabling a user',
      kind: 'select',
      defaultValue: 'deactivate',
      options: [
        { value: 'deactivate', label: 'Deactivate (frees the licence)' },
        { value: 'freeze', label: 'Freeze (blocks sign-in, keeps the licence)' },
      ],
    },
    { path: 'apiVersion', label: 'API version', kind: 'text', placeholder: '62.0', ...ADVANCED },
    {
      path: 'userTypes',
      label: 'User types',
      kind: 'list',
      placeholder: 'Standard',
      help: 'One a line: which users are accounts (integration, guest and portal users are others).',
      ...ADVANCED,
    },
    {
      path: 'bulkThreshold',
      label: 'Bulk API from',
      kind: 'number',
      placeholder: '2000',
      help: 'Loads of more records than this go through Bulk API 2.0.',
      ...ADVANCED,
    },
    timeoutField(30000, 600000),
  ],
  secrets: [
    {
      name: 'privateKeyPem',
      label: 'Private key (PEM)',
      multiline: true,
      help: 'Signs the JWT; its certificate is in the connected app.',
      when: whenIs('auth.flow', 'jwtBearer'),
    },
    {
      name: 'clientSecret',
      label: 'Consumer secret',
      when: whenIs('auth.flow', 'clientCredentials', 'password'),
    },
    {
      name: 'password',
      label: 'Password',
      help: 'With the security token appended.',
      when: whenIs('auth.flow', 'password'),
    },
  ],
};

const MANUAL: TConnectorForm = {
  canTest: false,
  fields: [
    {
      path: 'slaHours',
      label: 'Time to fulfil (hours)',
      kind: 'number',
      placeholder: '24',
      help: 'How long the fulfilment team has before reminders start (1 to 720).',
    },
    {
      path: 'instructions',
      label: 'Instructions',
      kind: 'textarea',
      placeholder:
        'e.g. Open the admin console at https://…, create the user with their work email, and add them to the groups the task names.',
      help: 'Shown on every task: where the application lives and how to do the work.',
    },
  ],
  secrets: [],
};

export const CONNECTOR_FORMS: Record<ConnectorType, TConnectorForm> = { LDAP, SCIM, SALESFORCE, MANUAL };
