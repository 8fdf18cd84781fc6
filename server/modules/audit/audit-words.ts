import { attributeLabel, PROFILE_ATTRIBUTES } from '@/server/shared/identity-attributes.ts';
import { capitalise } from '@/server/shared/capitalise.ts';
import { formatDate } from '@/server/shared/format-date.ts';

/**
 * Codes stored in audit payloads, in the words a person reads: enum values, field names, dates.
 * A code missing here still reads as words (PERMISSION_SET → "Permission set"), never as the code.
 */
const ENUM_WORDS: Record<string, string> = {
  LOW: 'Low',
  MEDIUM: 'Medium',
  HIGH: 'High',
  PENDING: 'Pending',
  WAITING: 'Waiting',
  APPROVED: 'Approved',
  DENIED: 'Denied',
  CANCELLED: 'Cancelled',
  EXPIRED: 'Expired',
  SKIPPED: 'Skipped',
  ACTIVE: 'Active',
  REVOKED: 'Removed',
  PREHIRE: 'Pre-hire',
  SUSPENDED: 'Suspended',
  TERMINATED: 'Left',
  DISABLED: 'Disabled',
  DELETED: 'Deleted',
  EMPLOYEE: 'Employee',
  CONTRACTOR: 'Contractor',
  INTERN: 'Intern',
  TEMPORARY: 'Temporary',
  IDENTITY_ADMIN: 'Identity admin',
  AUDITOR: 'Auditor',
  SECURITY_OFFICER: 'Security officer',
  LDAP: 'LDAP directory',
  SALESFORCE: 'Salesforce',
  SCIM: 'SCIM',
  MANUAL: 'Manual fulfilment',
  DELETE: 'Delete the account',
  DISABLE: 'Disable the account',
  UPDATE: 'Update the account',
  GROUP: 'Group',
  PERMISSION_SET: 'Permission set',
  PERMISSION_SET_GROUP: 'Permission set group',
  PROFILE: 'Profile',
  LICENSE: 'Licence',
  OTHER: 'Other',
  REQUEST: 'Request',
  BIRTHRIGHT: 'Birthright rule',
  ADMIN: 'Identity team',
  RECONCILIATION: 'Reconciliation',
  SEED: 'Demo set-up',
  BLOCK: 'Blocks the access',
  MITIGATABLE: 'Allowed with a mitigating control',
  MITIGATED: 'Covered by a mitigating control',
  ANY: 'Any one approver',
  ALL: 'Every approver',
  QUORUM: 'A quorum of approvers',
  HR_CSV: 'HR file',
  HR_DATABASE: 'HR database',
  RUNNING: 'Running',
  HELD: 'Held for a decision',
  DISCARDED: 'Discarded',
  SUCCEEDED: 'Done',
  NOOP: 'Already so',
  FAILED: 'Failed',
  DONE: 'Done',
  OPEN: 'Open',
  RESOLVED: 'Resolved',
  DISMISSED: 'Dismissed',
  GRANT: 'New access',
  EXTEND: 'Extension',
  ENTITLEMENT: 'Entitlement',
  ROLE: 'Business role',
  CREATE_ACCOUNT: 'Create the account',
  UPDATE_ACCOUNT: 'Update the account',
  DISABLE_ACCOUNT: 'Disable the account',
  ENABLE_ACCOUNT: 'Enable the account',
  DELETE_ACCOUNT: 'Delete the account',
  ADD_ENTITLEMENT: 'Add to a group',
  REMOVE_ENTITLEMENT: 'Remove from a group',
  TEAM: 'Team',
  PEOPLE: 'Named people',
  MANAGER: 'Manager',
};

/** Codes whose words depend on the field that holds them. */
const FIELD_ENUM_WORDS: Record<string, Record<string, string>> = {
  trigger: {
    MANUAL: 'Started by hand',
    UPLOAD: 'A file upload',
    SCHEDULE: 'Its schedule',
    FOLDER: 'A file dropped in its folder',
  },
  kind: { MANUAL: 'Manual', GRANT: 'New access', EXTEND: 'Extension' },
  outcome: { applied: 'Done', noop: 'Already so' },
  by: { holder: 'The holder', manager: 'Their manager', admin: 'The identity team' },
};

/** An enum code in words; a value that is not a code is returned as it is. */
export function enumWords(value: string, field?: string): string {
  const known = (field ? FIELD_ENUM_WORDS[field]?.[value] : undefined) ?? ENUM_WORDS[value];
  if (known) return known;
  if (!/^[A-Z][A-Z0-9_]*$/.test(value) || value.length < 2) return value;
  const words = value.toLowerCase().replaceAll('_', ' ');
  return capitalise(words);
}

/** Field names in words, in the order a change list reads them (the stored JSON keeps no order). */
const FIELD_LABELS: Record<string, string> = {
  name: 'Name',
  item: 'Access',
  key: 'Key',
  externalId: 'Target ID',
  description: 'Description',
  kind: 'Kind',
  ownerId: 'Owner',
  risk: 'Risk',
  requestable: 'Requestable',
  singleValued: 'One at a time',
  maxDurationDays: 'Longest access (days)',
  status: 'Status',
  // The history lists a person's changes in this order: status, the profile, the rest.
  ...Object.fromEntries(PROFILE_ATTRIBUTES.map((a) => [a, attributeLabel(a)])),
  managerId: 'Manager',
  manager: 'Manager',
  employmentType: attributeLabel('employmentType'),
  email: attributeLabel('email'),
  displayName: attributeLabel('displayName'),
  startDate: attributeLabel('startDate'),
  endDate: attributeLabel('endDate'),
  roles: 'Portal roles',
  entitlementIds: 'Entitlements',
  entitlementId: 'Entitlement',
  roleId: 'Business role',
  enabled: 'Enabled',
  config: 'Connection settings',
  connectorType: 'Connector',
  onDelete: 'When a person leaves',
  onDeleteAttributes: 'Attributes set when a person leaves',
  attributeMapping: 'Attribute mapping',
  attributes: 'Attributes',
  accountRules: 'Account rules',
  usernameTemplate: 'Username template',
  fallbackTemplate: 'Fallback username template',
  maxLength: 'Longest username',
  concurrency: 'Changes at a time',
  fulfilmentTeamId: 'Fulfilment team',
  defaultForRisk: 'Default for risk',
  stages: 'Approval stages',
  condition: 'Condition',
  severity: 'Severity',
  sideA: 'One side',
  sideB: 'Other side',
  grants: 'Grants',
  schedule: 'Schedule',
  precedence: 'Precedence',
  requestMaxAgeDays: 'Requests expire after (days)',
  endsAt: 'Ends',
  startsAt: 'Starts',
  requestedEndsAt: 'Asked until',
  comment: 'Comment',
  reason: 'Reason',
  justification: 'Justification',
  policy: 'Approval policy',
  sod: 'Segregation of duties',
  source: 'Source',
  rule: 'Rule',
  control: 'Mitigating control',
  expiresAt: 'Expires',
  delegateId: 'Stand-in',
  identityId: 'Person',
  decision: 'Decision',
  candidates: 'Candidates',
  stats: 'Figures',
  heldReason: 'Why it was held',
  deprovisions: 'People who would lose access',
  trigger: 'Started by',
  fileName: 'File',
  outcome: 'Outcome',
  nativeId: 'ID in the application',
  error: 'Error',
  errorKind: 'Kind of error',
  grantsRevoked: 'Grants removed',
  requestsCancelled: 'Requests cancelled',
  sessionsEnded: 'Sessions ended',
  found: 'Found',
  added: 'Added',
  removed: 'Removed',
  message: 'Result',
  ok: 'Works',
  prefix: 'Token begins',
  secretsChanged: 'Secrets changed',
  connectionStringChanged: 'Connection string changed',
  targets: 'Items',
  value: 'Value',
  attribute: 'Attribute',
  from: 'From',
  to: 'To',
  by: 'By',
  url: 'Server address',
};

const FIELD_ORDER = new Map(Object.keys(FIELD_LABELS).map((k, i) => [k, i]));

/** Where a field's change goes in a list: known fields in reading order, others after them by name. */
export const compareFields = (a: string, b: string) => {
  const [ka, kb] = [a.split('.')[0]!, b.split('.')[0]!];
  return (FIELD_ORDER.get(ka) ?? 1e6) - (FIELD_ORDER.get(kb) ?? 1e6) || a.localeCompare(b);
};

/** A payload field (or a dotted path into one) in words: "config.url" → "Connection settings › Server address". */
export function fieldLabel(path: string): string {
  return path
    .split('.')
    .map((part) => FIELD_LABELS[part] ?? sentenceCase(part))
    .join(' › ');
}

function sentenceCase(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replaceAll('_', ' ')
    .toLowerCase();
  return capitalise(words);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?$/;

/** "2026-12-04T00:00:00.000Z" → "4 Dec 2026" (UTC, as the audit log's dates are; formatDate, as every page writes a day). */
export function dayWords(value: unknown): string | null {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : formatDate(d);
}

/** The short reference people use for a request: R- and the start of its id. */
export const requestRef = (id: string) => `R-${id.slice(0, 8)}`;

/** "Bob Schmidt" → "Bob Schmidt’s". */
export const possessive = (name: string) => `${name}’s`;

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export { capitalise };
