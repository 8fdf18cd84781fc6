import { describe, expect, it } from 'vitest';
import {
  AUDIT_ACTION_NAMES,
  AUDIT_ACTIONS,
  LEGACY_AUDIT_ACTIONS,
  PERSON_HISTORY_ACTIONS,
  storedNamesOf,
} from './audit-actions.ts';
import { auditNames } from './audit-names.ts';
import { describeAuditEvent, formatChange, type TStoredAuditEvent } from './describe-audit-event.ts';

const IVY = '00000000-0000-4000-8000-000000000001';
const BOB = '00000000-0000-4000-8000-000000000002';
const MARK = '00000000-0000-4000-8000-000000000003';
const FIONA = '00000000-0000-4000-8000-000000000004';
const REQUEST = '1a2b3c4d-0000-4000-8000-000000000010';
const FIN_ADMINS = '00000000-0000-4000-8000-000000000020';
const PAYROLL = '00000000-0000-4000-8000-000000000021';
const OPERATION = '00000000-0000-4000-8000-000000000030';
const DIRECTORY = '00000000-0000-4000-8000-000000000040';
const ROLE = '00000000-0000-4000-8000-000000000050';

const names = auditNames({
  people: { [IVY]: 'Ivy Chen', [BOB]: 'Bob Schmidt', [MARK]: 'Mark Oduya', [FIONA]: 'Fiona Byrne' },
  entities: {
    [`AccessRequest:${REQUEST}`]: { name: 'Finance Admins', personId: BOB },
    [`Entitlement:${FIN_ADMINS}`]: { name: 'Finance Admins', application: 'Corporate Directory' },
    [`Entitlement:${PAYROLL}`]: { name: 'Payroll', application: 'Corporate Directory' },
    [`ProvisioningOperation:${OPERATION}`]: {
      name: 'Finance Admins',
      kind: 'DISABLE_ACCOUNT',
      username: 'bob',
      application: 'Corporate Directory',
      personId: BOB,
    },
    [`Application:${DIRECTORY}`]: { name: 'Corporate Directory' },
    [`Role:${ROLE}`]: { name: 'Finance starter' },
  },
});

const event = (
  e: Partial<TStoredAuditEvent> & Pick<TStoredAuditEvent, 'action' | 'entityType' | 'entityId'>,
): TStoredAuditEvent => ({
  actorType: 'USER',
  actorId: IVY,
  subjectId: null,
  before: null,
  after: null,
  metadata: {},
  ...e,
});

const read = (e: TStoredAuditEvent) => {
  const d = describeAuditEvent(e, names);
  return { sentence: d.sentence, changes: d.changes.map(formatChange) };
};

describe('describeAuditEvent', () => {
  it.each<[string, TStoredAuditEvent, string, string[]]>([
    [
      'an approver’s decision names the request, its beneficiary and item',
      event({
        action: 'approval.decided',
        entityType: 'ApprovalStep',
        entityId: 'step',
        subjectId: BOB,
        before: { status: 'PENDING' },
        after: { status: 'APPROVED', comment: null },
        metadata: { requestId: REQUEST, stage: 'Manager', onBehalfOf: MARK },
      }),
      'Ivy Chen approved request R-1a2b3c4d for Bob Schmidt’s Finance Admins at the “Manager” stage, standing in for Mark Oduya',
      ['Status: Pending → Approved'],
    ],
    [
      'the worker disabling an account says whose account in which application',
      event({
        action: 'provisioning.succeeded',
        actorType: 'WORKER',
        actorId: null,
        entityType: 'ProvisioningOperation',
        entityId: OPERATION,
        subjectId: BOB,
        after: { kind: 'DISABLE_ACCOUNT', outcome: 'applied', nativeId: null },
        metadata: { application: 'Corporate Directory' },
      }),
      'Gatehouse disabled the account “bob” in Corporate Directory',
      ['Kind: Disable the account', 'Outcome: Done'],
    ],
    [
      'a reconciliation run started by hand says which kind of run of which application',
      event({
        action: 'reconciliation.run_started',
        entityType: 'Application',
        entityId: DIRECTORY,
        after: { application: 'Corporate Directory', mode: 'FULL', trigger: 'MANUAL', identityId: null },
        metadata: { runId: 'run' },
      }),
      'Ivy Chen started a full reconciliation of “Corporate Directory”',
      ['Started by: Started by hand', 'Application: Corporate Directory', 'Mode: Full'],
    ],
    [
      'a finished reconciliation run counts what it found by kind',
      event({
        action: 'reconciliation.run_finished',
        actorType: 'RECONCILIATION',
        actorId: null,
        entityType: 'Application',
        entityId: DIRECTORY,
        after: {
          application: 'Corporate Directory',
          status: 'SUCCEEDED',
          byKind: { UNMANAGED_ENTITLEMENT: 2, ORPHAN_ACCOUNT: 1 },
          opened: 1,
          closed: 0,
        },
        metadata: { runId: 'run' },
      }),
      'The reconciliation run of “Corporate Directory” finished: found unmanaged entitlement × 2, orphan account × 1; 1 new, 0 resolved',
      [
        'Status: Done',
        'Application: Corporate Directory',
        'By kind › Orphan account: 1',
        'By kind › Unmanaged entitlement: 2',
        'Closed: 0',
        'Opened: 1',
      ],
    ],
    [
      'an entitlement change lists every changed attribute in words: enum values, people, no codes',
      event({
        action: 'entitlement.updated',
        entityType: 'Entitlement',
        entityId: FIN_ADMINS,
        before: {
          name: 'Finance Admins',
          externalId: 'cn=fin-admins',
          risk: 'LOW',
          requestable: true,
          ownerId: MARK,
          maxDurationDays: null,
          kind: 'GROUP',
        },
        after: {
          name: 'Finance Admins',
          externalId: 'cn=finance-admins',
          risk: 'HIGH',
          requestable: false,
          ownerId: FIONA,
          maxDurationDays: 90,
          kind: 'PERMISSION_SET',
        },
      }),
      'Ivy Chen changed the entitlement “Finance Admins” in Corporate Directory',
      [
        'Target ID: cn=fin-admins → cn=finance-admins',
        'Kind: Group → Permission set',
        'Owner: Mark Oduya → Fiona Byrne',
        'Risk: Low → High',
        'Requestable: Yes → No',
        'Longest access (days): — → 90',
      ],
    ],
    [
      'a role’s contents read as entitlement names, unchanged order is no change',
      event({
        action: 'role.updated',
        entityType: 'Role',
        entityId: ROLE,
        before: { name: 'Finance starter', entitlementIds: [FIN_ADMINS, PAYROLL], risk: 'LOW' },
        after: { name: 'Finance starter', entitlementIds: [PAYROLL], risk: 'LOW' },
      }),
      'Ivy Chen changed the business role “Finance starter”',
      ['Entitlements: Finance Admins, Payroll → Payroll'],
    ],
    [
      'planned access says why in words and where, not the reason code',
      event({
        action: 'access.planned',
        actorType: 'USER',
        entityType: 'Identity',
        entityId: BOB,
        subjectId: BOB,
        metadata: {
          reason: 'REQUEST_APPROVED',
          ref: `request:${REQUEST}`,
          operations: [{ id: OPERATION, kind: 'ADD_ENTITLEMENT' }],
          changes: [{ kind: 'ADD_ENTITLEMENT', applicationId: DIRECTORY, entitlementId: FIN_ADMINS }],
        },
      }),
      'Ivy Chen planned Bob Schmidt’s access after a request was approved: 1 change to make in Corporate Directory',
      [],
    ],
    [
      'a person’s own sign-in',
      event({
        action: 'session.signed_in',
        entityType: 'Identity',
        entityId: IVY,
        subjectId: IVY,
        metadata: { method: 'oidc' },
      }),
      'Ivy Chen signed in with single sign-on',
      [],
    ],
    [
      'a refused attempt names what was refused and the permission in words',
      event({
        action: 'access.refused',
        actorId: BOB,
        entityType: 'Procedure',
        entityId: 'auditLog.list',
        metadata: {
          procedure: 'auditLog.list',
          permission: 'audit.read',
          code: 'FORBIDDEN',
          reason: 'You do not have permission to do this',
        },
      }),
      'Bob Schmidt was refused “auditLog.list”: it needs the permission to read the audit log',
      [],
    ],
    [
      'portal roles in words, the way a person’s history shows them',
      event({
        action: 'identity.portal_roles_changed',
        entityType: 'Identity',
        entityId: BOB,
        subjectId: BOB,
        before: { roles: [] },
        after: { roles: ['AUDITOR', 'SECURITY_OFFICER'] },
      }),
      'Ivy Chen changed Bob Schmidt’s portal roles',
      ['Portal roles: none → Auditor, Security officer'],
    ],
    [
      'a creation lists what was set, without arrows',
      event({
        action: 'grant.created',
        actorType: 'SEED',
        actorId: null,
        entityType: 'Grant',
        entityId: 'g1',
        subjectId: BOB,
        after: { source: 'BIRTHRIGHT', rule: 'Everyone', entitlementId: FIN_ADMINS, roleId: null },
      }),
      'Gatehouse granted Bob Schmidt Finance Admins by the birthright rule “Everyone”',
      ['Entitlement: Finance Admins', 'Source: Birthright rule', 'Rule: Everyone'],
    ],
    [
      'a person’s record from an HR source: what moved, with dates in words',
      event({
        action: 'identity.updated',
        actorType: 'SOURCE',
        actorId: null,
        entityType: 'Identity',
        entityId: BOB,
        subjectId: BOB,
        before: { status: 'ACTIVE', department: 'Engineering', managerId: MARK, endDate: null },
        after: {
          status: 'TERMINATED',
          department: 'Engineering',
          managerId: FIONA,
          endDate: '2026-12-04T00:00:00.000Z',
        },
        metadata: { sourceName: 'Acme HR', events: ['LEAVER'] },
      }),
      'Gatehouse updated Bob Schmidt’s record from the HR source “Acme HR” (leaver)',
      ['Status: Active → Left', 'Manager: Mark Oduya → Fiona Byrne', 'End date: — → 4 Dec 2026'],
    ],
    [
      'a request for oneself does not say "for" anyone',
      event({
        action: 'request.created',
        actorId: BOB,
        entityType: 'AccessRequest',
        entityId: REQUEST,
        subjectId: BOB,
        after: {
          item: 'Finance Admins',
          kind: 'ENTITLEMENT',
          batchId: 'b',
          justification: 'Month-end close',
          requestedEndsAt: null,
          policy: null,
        },
      }),
      'Bob Schmidt requested Finance Admins (request R-1a2b3c4d)',
      ['Access: Finance Admins', 'Kind: Entitlement', 'Justification: Month-end close'],
    ],
  ])('%s', (_name, e, sentence, changes) => {
    expect(read(e)).toEqual({ sentence, changes });
  });

  it('reads a legacy action name as the action it became', () => {
    const d = describeAuditEvent(
      event({ action: 'identity.signed_out', entityType: 'Identity', entityId: IVY, subjectId: IVY }),
      names,
    );
    expect(d).toMatchObject({
      action: 'session.signed_out',
      label: 'Signed out',
      group: 'sign-in',
      sentence: 'Ivy Chen signed out',
    });
  });

  it('says a name was not found rather than showing an id', () => {
    const d = describeAuditEvent(
      event({
        action: 'session.signed_out',
        actorId: '00000000-0000-4000-8000-0000000000ff',
        entityType: 'Identity',
        entityId: 'x',
      }),
      names,
    );
    expect(d.sentence).toBe('A person not found signed out');
  });

  it('an unknown stored action still reads as a sentence', () => {
    expect(
      describeAuditEvent(event({ action: 'test', entityType: 'Test', entityId: '1' }), names),
    ).toMatchObject({ action: null, label: 'Unknown action' });
  });
});

describe('the action catalogue', () => {
  it('every action has a label, a group and an object kind; legacy names point at current actions', () => {
    for (const name of AUDIT_ACTION_NAMES) expect(AUDIT_ACTIONS[name].label.length).toBeGreaterThan(3);
    for (const now of Object.values(LEGACY_AUDIT_ACTIONS)) expect(AUDIT_ACTION_NAMES).toContain(now);
    expect(storedNamesOf(['session.signed_out'])).toEqual(['session.signed_out', 'identity.signed_out']);
  });

  it('a person’s history holds what happened to them, not their sign-outs', () => {
    expect(PERSON_HISTORY_ACTIONS).toEqual(
      expect.arrayContaining([
        'identity.updated',
        'grant.created',
        'access.planned',
        'provisioning.failed',
        'identity.sessions_ended',
      ]),
    );
    expect(PERSON_HISTORY_ACTIONS).not.toContain('session.signed_out');
    expect(PERSON_HISTORY_ACTIONS).not.toContain('request.created');
  });
});
