import { z } from 'zod';

/**
 * Every action the audit trail records: its name (what rows hold in `action`), a label in words, the
 * group the viewer filters by, the kind of object it is about, and the shape of its payload as it is
 * stored (plain JSON: dates are ISO strings). The schemas are loose (other keys may appear, a field
 * may be absent in older rows) but say what each event carries; recordAuditEvents checks every
 * event against them in tests, and describeAuditEvent reads payloads through them.
 *
 * Adding an action means adding it here (tsc refuses an unknown one at the call site) and a sentence
 * in describe-audit-event (tsc refuses a missing one there too).
 */

export const AUDIT_GROUPS = {
  requests: 'Requests and approvals',
  access: 'Access granted and removed',
  provisioning: 'Provisioning',
  lifecycle: 'People and HR sources',
  'sign-in': 'Sign-in and refused attempts',
  administration: 'Administration',
  reports: 'Report downloads',
} as const;
export type TAuditGroup = keyof typeof AUDIT_GROUPS;

export type TAuditEntityType =
  | 'AccessRequest'
  | 'ApiToken'
  | 'Application'
  | 'ApprovalPolicy'
  | 'ApprovalStage'
  | 'ApprovalStep'
  | 'AttributeConflict'
  | 'AutoApprovalRule'
  | 'BirthrightRule'
  | 'CorrelationCase'
  | 'Delegation'
  | 'Entitlement'
  | 'FulfilmentTask'
  | 'Grant'
  | 'Identity'
  | 'IdentitySource'
  | 'Procedure'
  | 'ProvisioningOperation'
  | 'ReconciliationFinding'
  | 'ReconciliationRun'
  | 'Report'
  | 'ReviewCampaign'
  | 'ReviewItem'
  | 'Role'
  | 'ScimGroup'
  | 'ScimToken'
  | 'SodMitigation'
  | 'SodRule'
  | 'SodViolation'
  | 'SourceRun'
  | 'SystemSetting'
  | 'Team';

const text = z.string();
const day = z.string(); // an ISO date or date-time, as JSON holds a Date
const id = z.string();
const obj = z.looseObject;
const anyObject = z.record(z.string(), z.unknown());
const statusOnly = obj({ status: text });

/** What each payload part holds; absent means the action does not use it. */
type TPayloadSchemas = { before?: z.ZodType; after?: z.ZodType; metadata?: z.ZodType };
export type TAuditActionSpec = {
  label: string;
  group: TAuditGroup;
  entity: TAuditEntityType;
  payload: TPayloadSchemas;
};

const spec = (
  group: TAuditGroup,
  entity: TAuditEntityType,
  label: string,
  payload: TPayloadSchemas = {},
): TAuditActionSpec => ({ label, group, entity, payload });

// Shapes shared by several actions.
const ZRequestNew = obj({
  item: text,
  kind: text,
  justification: text,
  requestedEndsAt: day.nullable().optional(),
  policy: text.nullable().optional(),
  stages: z.array(anyObject).optional(),
  sod: z.array(anyObject).optional(),
  /** An AI agent submitted it through the MCP server with this token (docs/decisions/071). */
  requestedBy: z.literal('AI_AGENT').optional(),
  agentTokenId: id.optional(),
});
const ZRequestExtension = obj({
  kind: z.literal('EXTEND'),
  item: text,
  grantId: id,
  from: day.nullable(),
  to: day.nullable(),
  justification: text,
});
const ZOperationDone = obj({ kind: text, outcome: text, nativeId: text.nullable().optional() });
const ZOperationFailed = obj({
  status: z.literal('FAILED'),
  kind: text.optional(),
  error: text.optional(),
  errorKind: text.optional(),
  reason: text.optional(),
  via: text.optional(),
});
const ZOperationContext = obj({
  application: text.optional(),
  entitlement: text.nullable().optional(),
  reason: text.optional(),
  applicationId: id.optional(),
  cause: text.optional(),
});
const ZPolicy = obj({
  name: text,
  key: text.optional(),
  description: text.optional(),
  defaultForRisk: text.nullable().optional(),
  stages: z.array(anyObject),
});
const ZNamed = obj({ name: text });
const ZTeam = obj({ name: text, key: text.optional(), description: text.optional(), purpose: text });
/** Which secrets were entered (names, never values), and whether stored ones were dropped for a new endpoint. */
const ZSecretsEntered = obj({
  secretsChanged: z.array(text).optional(),
  endpointChanged: z.array(text).optional(),
  storedSecretsDiscarded: z.boolean().optional(),
});
const ZSourceRunResult = obj({
  source: text,
  status: text,
  stats: anyObject.nullable().optional(),
  heldReason: text.nullable().optional(),
});
const ZScimGroup = obj({ displayName: text });
const ZScimGroupContext = obj({ source: id });
const ZMitigation = obj({ rule: text, control: text, expiresAt: day });
const ZRoles = obj({ roles: z.array(text) });
/** A reconciliation finding in words: its kind, the application, the entitlement and the account as read. */
const ZFindingContext = obj({
  kind: text,
  application: text,
  entitlement: text.nullable().optional(),
  account: text.nullable().optional(),
});
const ZIdentityView = obj({
  status: text,
  department: text.nullable().optional(),
  title: text.nullable().optional(),
  displayName: text.optional(),
});
const ZEntitlementView = obj({
  name: text,
  externalId: text.optional(),
  risk: text,
  requestable: z.boolean(),
  ownerId: id.nullable(),
  maxDurationDays: z.number().nullable(),
});
const ZRoleView = obj({ name: text, entitlementIds: z.array(id) });
const ZSodRuleView = obj({ name: text, severity: text, enabled: z.boolean() });
const ZReviewCampaignView = obj({
  name: text,
  status: text,
  startsAt: day,
  dueAt: day,
  undecidedAction: text,
  revokeTiming: text,
  recurrenceMonths: z.number().nullable(),
  scope: anyObject,
  stages: z.array(anyObject),
});
/** A review item in words: the campaign, the access (item), and whether the campaign decided by itself. */
const ZReviewItemContext = obj({
  campaignId: id,
  campaign: text,
  item: text,
  automatic: z.boolean().optional(),
});
/**
 * An item closed because its grant ended (the database's trigger writes it, docs/decisions/109): the
 * grant, how it ended (REVOKED or EXPIRED, when), who ended it when a person did, and the grant's reason.
 * close-campaign's own marking, for grants that ended before the trigger, carries only the context.
 */
const ZReviewItemEnded = ZReviewItemContext.extend({
  grantId: id.optional(),
  grantStatus: text.optional(),
  endedAt: day.optional(),
  endedById: id.optional(),
  reason: text.optional(),
});
const ZBirthrightView = obj({
  name: text,
  condition: anyObject,
  enabled: z.boolean(),
  grants: z.array(anyObject),
});

export const AUDIT_ACTIONS = {
  // Requests and approvals
  'request.created': spec('requests', 'AccessRequest', 'Request made', {
    after: z.union([ZRequestExtension, ZRequestNew]),
  }),
  'request.sod_blocked': spec('requests', 'Identity', 'Request refused by a segregation-of-duties rule', {
    metadata: obj({ item: text.nullable(), reason: text }),
  }),
  'request.cancelled': spec('requests', 'AccessRequest', 'Request cancelled', {
    before: statusOnly,
    after: statusOnly,
  }),
  'request.expired': spec('requests', 'AccessRequest', 'Request expired undecided', {
    after: obj({ status: z.literal('EXPIRED'), maxAgeDays: z.number() }),
  }),
  'request.denied': spec('requests', 'AccessRequest', 'Request denied', {
    after: obj({ status: z.literal('DENIED'), stage: text }),
  }),
  'request.approved': spec('requests', 'AccessRequest', 'Request approved', {
    before: statusOnly.optional(),
    after: obj({ status: z.literal('APPROVED'), endsAt: day.nullable() }),
  }),
  'request.auto_approved': spec('requests', 'AccessRequest', 'Request approved by a rule', {
    before: statusOnly.optional(),
    after: obj({
      status: z.literal('APPROVED'),
      endsAt: day.nullable(),
      rule: obj({ id, name: text }).nullable(),
    }),
  }),
  'request.chain_redrawn': spec('requests', 'AccessRequest', 'Approval chain redrawn', {
    before: obj({ stages: z.array(text) }),
    after: obj({ stages: z.array(text) }),
    metadata: obj({ risk: text, policy: text, added: z.array(text) }),
  }),
  'approval.decided': spec('requests', 'ApprovalStep', 'Approval decided', {
    before: statusOnly,
    after: obj({ status: z.enum(['APPROVED', 'DENIED']), comment: text.nullable() }),
    metadata: obj({
      requestId: id,
      stage: text,
      onBehalfOf: id.nullable(),
      approvedEndsAt: day.nullable().optional(),
      channel: z.enum(['slack']).optional(),
    }),
  }),
  'approval.self_approval_refused': spec('requests', 'ApprovalStep', 'Own request: decision refused', {
    metadata: obj({ requestId: id, onBehalfOf: id.nullable() }),
  }),
  'approval.sod_refused': spec(
    'requests',
    'ApprovalStep',
    'Approval refused by a segregation-of-duties rule',
    { metadata: obj({ requestId: id, reason: text }) },
  ),
  'approval.escalated': spec('requests', 'ApprovalStage', 'Approval escalated', {
    metadata: obj({
      requestId: id,
      stage: text,
      cause: z.enum(['OVERDUE', 'APPROVER_CANNOT_ACT']),
      escalations: z.array(obj({ from: id, to: id })),
      unescalated: z.number(),
    }),
  }),
  'approval.handed_on': spec('requests', 'ApprovalStage', 'Approval handed on to stand-ins', {
    metadata: obj({ requestId: id, stage: text, standIns: z.array(obj({ for: id, to: z.array(id) })) }),
  }),
  'approval.reassigned': spec('requests', 'ApprovalStage', 'Approval moved to the current approver', {
    metadata: obj({
      requestId: id,
      stage: text,
      cause: z.enum(['MANAGER', 'OWNER', 'TEAM']),
      reassignments: z.array(obj({ from: id.nullable(), to: id.nullable() })),
    }),
  }),
  'approval.reminded': spec('requests', 'AccessRequest', 'Approvers reminded', {
    // notAsked: approvers whose steps were due but who stopped acting before the reminder was sent.
    metadata: obj({ approvers: z.array(id), notAsked: z.array(id).optional() }),
  }),
  'delegation.created': spec('requests', 'Delegation', 'Stand-in named', {
    after: obj({ delegateId: id, startsAt: day, endsAt: day }),
  }),
  'delegation.revoked': spec('requests', 'Delegation', 'Stand-in withdrawn'),

  // Access granted and removed
  'grant.created': spec('access', 'Grant', 'Access granted', {
    after: obj({
      source: text,
      requestId: id.optional(),
      item: text.optional(),
      rule: text.optional(),
      endsAt: day.nullable().optional(),
      entitlementId: id.nullable().optional(),
      roleId: id.nullable().optional(),
      reason: text.optional(),
    }),
  }),
  'grant.revoked': spec('access', 'Grant', 'Access removed', {
    before: statusOnly.optional(),
    after: obj({
      status: text.optional(),
      reason: text.nullable().optional(),
      by: z.enum(['holder', 'manager', 'admin', 'review']).optional(),
      source: text.optional(),
    }),
    metadata: obj({ campaignId: id.optional(), campaign: text.optional(), itemId: id.optional() }),
  }),
  'grant.expired': spec('access', 'Grant', 'Access expired', {
    before: obj({ status: text, endsAt: day.nullable() }),
    after: statusOnly,
  }),
  'grant.extended': spec('access', 'Grant', 'Access extended', {
    before: obj({ endsAt: day.nullable() }).optional(),
    after: obj({ endsAt: day.nullable(), requestId: id }),
  }),
  'access.planned': spec('access', 'Identity', 'Access planned', {
    metadata: obj({
      reason: text,
      ref: text.nullable(),
      operations: z.array(obj({ id, kind: text })),
      changes: z.array(obj({ kind: text, applicationId: id, entitlementId: id.nullable() })),
    }),
  }),
  'sod.violation_found': spec('access', 'SodViolation', 'Segregation-of-duties violation found', {
    after: obj({ rule: text, status: text }),
  }),
  'sod.mitigated': spec('access', 'SodMitigation', 'Mitigating control recorded', {
    after: ZMitigation,
    metadata: obj({ requestId: id.optional() }),
  }),
  'sod.mitigation_revoked': spec('access', 'SodMitigation', 'Mitigating control withdrawn'),
  'sod.mitigation_lapsed': spec('access', 'SodViolation', 'Mitigating control lapsed', {
    after: obj({ rule: text }),
  }),

  // Provisioning
  'provisioning.succeeded': spec('provisioning', 'ProvisioningOperation', 'Change made in an application', {
    after: ZOperationDone,
    metadata: ZOperationContext,
  }),
  'provisioning.failed': spec('provisioning', 'ProvisioningOperation', 'Change failed in an application', {
    after: ZOperationFailed,
    metadata: ZOperationContext,
  }),
  'provisioning.retried': spec('provisioning', 'ProvisioningOperation', 'Failed change retried', {
    metadata: ZOperationContext,
  }),
  'provisioning.cancelled': spec('provisioning', 'ProvisioningOperation', 'Change cancelled', {
    before: statusOnly,
    metadata: ZOperationContext,
  }),
  'fulfilment.task_created': spec(
    'provisioning',
    'ProvisioningOperation',
    'Task handed to a fulfilment team',
    { metadata: ZOperationContext },
  ),
  'fulfilment.reminded': spec('provisioning', 'FulfilmentTask', 'Fulfilment team reminded', {
    metadata: ZOperationContext,
  }),

  // Reconciliation: what people and policies decided about what targets hold (docs/decisions/056)
  'reconciliation.finding_decided': spec(
    'access',
    'ReconciliationFinding',
    'Reconciliation finding decided',
    {
      before: statusOnly,
      after: obj({
        status: text,
        decision: z.enum(['REVERT', 'ADOPT', 'EXCEPTION']),
        reason: text.nullable(),
        exceptionUntil: day.nullable().optional(),
        operationId: id.nullable().optional(),
        grantId: id.nullable().optional(),
        resolution: text.nullable().optional(),
      }),
      metadata: ZFindingContext,
    },
  ),
  'reconciliation.run_held': spec('access', 'ReconciliationRun', 'Reconciliation run held for confirmation', {
    after: obj({ status: z.literal('HELD'), heldReason: text }),
    metadata: obj({ application: text, reverts: z.number(), accounts: z.number(), total: z.number() }),
  }),
  'reconciliation.run_confirmed': spec('access', 'ReconciliationRun', 'Held reconciliation run confirmed', {
    before: statusOnly,
    after: obj({ status: text, carriedOut: z.number() }),
    metadata: obj({ application: text }),
  }),
  'reconciliation.run_dismissed': spec('access', 'ReconciliationRun', 'Held reconciliation run dismissed', {
    before: statusOnly,
    after: obj({ status: text, leftOpen: z.number() }),
    metadata: obj({ application: text }),
  }),
  'reconciliation.exception_expired': spec(
    'access',
    'ReconciliationFinding',
    'Reconciliation exception expired',
    {
      before: obj({ status: z.literal('EXCEPTION'), exceptionUntil: day }),
      after: obj({ status: z.literal('OPEN') }),
      metadata: ZFindingContext,
    },
  ),
  'reconciliation.adoption_approved': spec(
    'access',
    'ReconciliationFinding',
    'Adoption approved by the owner',
    { after: obj({ status: text, grantId: id }), metadata: ZFindingContext },
  ),
  'reconciliation.adoption_denied': spec('access', 'ReconciliationFinding', 'Adoption denied by the owner', {
    after: obj({ status: text, reason: text }),
    metadata: ZFindingContext,
  }),
  'reconciliation.decision_refused': spec(
    'access',
    'ReconciliationFinding',
    'Reconciliation decision refused',
    {
      after: obj({ decision: z.enum(['REVERT', 'ADOPT', 'EXCEPTION']), code: text, reason: text }),
      metadata: obj({ kind: text.optional(), application: text.optional(), bulk: z.boolean() }),
    },
  ),
  'reconciliation.manager_asked': spec('access', 'ReconciliationFinding', 'Manager asked about a finding', {
    after: obj({ askId: id, managerId: id, manager: text }),
    metadata: ZFindingContext,
  }),
  'reconciliation.manager_answered': spec(
    'access',
    'ReconciliationFinding',
    'Manager answered about a finding',
    {
      after: obj({ askId: id, answer: z.enum(['EXPECTED', 'NOT_EXPECTED']), comment: text.nullable() }),
      metadata: ZFindingContext,
    },
  ),
  // Reconciliation runs: reading a target back (issue 11, docs/decisions/055)
  // (about the application; metadata.runId names the run)
  'reconciliation.run_started': spec('provisioning', 'Application', 'Reconciliation run started', {
    after: obj({ application: text, mode: text, trigger: text, identityId: id.nullable().optional() }),
    metadata: obj({ runId: id }),
  }),
  'reconciliation.run_finished': spec('provisioning', 'Application', 'Reconciliation run finished', {
    after: obj({
      application: text,
      status: text,
      byKind: z.record(z.string(), z.number()),
      opened: z.number(),
      closed: z.number(),
      error: text.optional(),
    }),
    metadata: obj({ runId: id }),
  }),

  // People and HR sources
  'identity.created': spec('lifecycle', 'Identity', 'Person created from a source', {
    after: ZIdentityView,
    metadata: obj({
      source: id,
      sourceName: text,
      externalId: text,
      events: z.array(text),
      byHand: z.boolean().optional(),
    }),
  }),
  'identity.updated': spec('lifecycle', 'Identity', 'Person’s record changed', {
    before: ZIdentityView.partial(),
    after: ZIdentityView.partial(),
    metadata: obj({
      events: z.array(text),
      sourceName: text.optional(),
      reason: text.optional(),
      byHand: z.boolean().optional(),
    }),
  }),
  'identity.kill_switch': spec('lifecycle', 'Identity', 'Leaver kill switch applied', {
    after: obj({ grantsRevoked: z.number(), requestsCancelled: z.number(), sessionsEnded: z.boolean() }),
  }),
  'identity.retired': spec('lifecycle', 'Identity', 'Person retired after a merge', {
    before: obj({ status: text }),
    after: obj({ status: text }),
    metadata: obj({ reason: text, mergedInto: id, events: z.array(text) }),
  }),
  'identity.attribute_conflict': spec('lifecycle', 'AttributeConflict', 'Sources disagree on an attribute', {
    after: obj({ attribute: text, candidates: z.array(anyObject) }),
  }),
  'identity.attribute_conflict_resolved': spec(
    'lifecycle',
    'AttributeConflict',
    'Attribute disagreement settled',
    { after: obj({ attribute: text, source: text, value: z.unknown() }) },
  ),
  'identity.manager_unresolved': spec('lifecycle', 'AttributeConflict', 'Manager not found yet', {
    after: obj({ attribute: z.literal('manager'), candidates: z.array(anyObject) }),
  }),
  'correlation.queued': spec('lifecycle', 'CorrelationCase', 'Record waits to be matched to a person', {
    after: obj({ externalId: text, candidates: z.array(id), reason: text }),
  }),
  'correlation.decided': spec('lifecycle', 'CorrelationCase', 'Record matched or dismissed', {
    before: statusOnly,
    after: obj({ status: text, decision: text, identityId: id.nullable() }),
  }),
  'source.run_started': spec('lifecycle', 'SourceRun', 'HR source run started', {
    after: obj({ source: text, trigger: text, fileName: text.nullable().optional() }),
  }),
  'source.run_held': spec('lifecycle', 'SourceRun', 'HR source run held for a decision', {
    after: ZSourceRunResult,
  }),
  'source.run_finished': spec('lifecycle', 'SourceRun', 'HR source run finished', {
    after: ZSourceRunResult,
  }),
  'source.run_confirmed': spec('lifecycle', 'SourceRun', 'Held HR run confirmed', {
    before: statusOnly,
    after: obj({ status: text, deprovisions: z.number() }),
  }),
  'source.run_discarded': spec('lifecycle', 'SourceRun', 'Held HR run discarded', {
    before: statusOnly,
    after: obj({ status: text, deprovisions: z.number() }),
  }),
  'scim.user_deleted': spec('lifecycle', 'Identity', 'Person deleted by a SCIM client', {
    metadata: obj({ source: id, externalId: text, groupsLeft: z.array(id) }),
  }),
  'scim.group_created': spec('lifecycle', 'ScimGroup', 'SCIM group created', {
    after: ZScimGroup,
    metadata: ZScimGroupContext,
  }),
  'scim.group_updated': spec('lifecycle', 'ScimGroup', 'SCIM group changed', {
    before: ZScimGroup.optional(),
    after: ZScimGroup,
    metadata: ZScimGroupContext,
  }),
  'scim.group_deleted': spec('lifecycle', 'ScimGroup', 'SCIM group deleted', {
    after: ZScimGroup,
    metadata: ZScimGroupContext,
  }),

  // Sign-in and refused attempts
  'session.signed_in': spec('sign-in', 'Identity', 'Signed in', {
    metadata: obj({ method: z.enum(['oidc', 'demo']) }),
  }),
  'session.signed_out': spec('sign-in', 'Identity', 'Signed out'),
  'identity.sessions_ended': spec('sign-in', 'Identity', 'Sessions ended', {
    metadata: obj({ reason: z.enum(['ADMIN', 'STATUS']) }),
  }),
  'access.refused': spec('sign-in', 'Procedure', 'Refused attempt', {
    metadata: obj({ procedure: text, permission: text.nullable(), code: text, reason: text }),
  }),
  // Self-service password (issue 13, docs/decisions/068): which account and why, never a password
  'identity.password_changed': spec('sign-in', 'Identity', 'Directory password changed by its holder', {
    metadata: obj({ application: text, username: text }),
  }),
  'identity.password_change_refused': spec('sign-in', 'Identity', 'Directory password change refused', {
    metadata: obj({
      application: text.nullable(),
      username: text.nullable(),
      cause: z.enum(['CURRENT_PASSWORD', 'POLICY', 'RATE_LIMITED']),
      reason: text,
    }),
  }),
  'identity.password_reset_forced': spec('sign-in', 'Identity', 'Password reset forced at next sign-in', {
    metadata: obj({ application: text, username: text, reason: text, outcome: z.enum(['applied', 'noop']) }),
  }),

  // Administration
  'application.created': spec('administration', 'Application', 'Application added', {
    after: ZNamed,
    metadata: ZSecretsEntered,
  }),
  'application.updated': spec('administration', 'Application', 'Application changed', {
    before: anyObject.optional(),
    after: anyObject,
    metadata: ZSecretsEntered,
  }),
  'application.tested': spec('administration', 'Application', 'Application connection tested', {
    after: obj({ ok: z.boolean(), message: text }),
  }),
  'application.account_rules_updated': spec('administration', 'Application', 'Account rules changed', {
    before: anyObject,
    after: anyObject,
  }),
  'entitlement.created': spec('administration', 'Entitlement', 'Entitlement added', {
    after: ZEntitlementView,
  }),
  'entitlement.updated': spec('administration', 'Entitlement', 'Entitlement changed', {
    before: ZEntitlementView,
    after: ZEntitlementView,
  }),
  'entitlements.imported': spec('administration', 'Application', 'Entitlements imported', {
    after: obj({ found: z.number(), added: z.number() }),
  }),
  'role.created': spec('administration', 'Role', 'Business role added', { after: ZRoleView }),
  'role.updated': spec('administration', 'Role', 'Business role changed', {
    before: ZRoleView,
    after: ZRoleView,
  }),
  'policy.created': spec('administration', 'ApprovalPolicy', 'Approval policy added', { after: ZPolicy }),
  'policy.updated': spec('administration', 'ApprovalPolicy', 'Approval policy changed', {
    before: ZPolicy,
    after: ZPolicy,
  }),
  'policy.deleted': spec('administration', 'ApprovalPolicy', 'Approval policy deleted', { before: ZNamed }),
  'policy.attached': spec('administration', 'ApprovalPolicy', 'Approval policy attached', {
    after: obj({ targets: z.array(obj({ kind: text, id })) }),
  }),
  'auto_approval.created': spec('administration', 'AutoApprovalRule', 'Auto-approval rule added', {
    after: ZNamed,
  }),
  'auto_approval.updated': spec('administration', 'AutoApprovalRule', 'Auto-approval rule changed', {
    before: ZNamed,
    after: ZNamed,
  }),
  'auto_approval.deleted': spec('administration', 'AutoApprovalRule', 'Auto-approval rule deleted', {
    before: ZNamed,
  }),
  'team.created': spec('administration', 'Team', 'Team added', { after: ZTeam }),
  'team.updated': spec('administration', 'Team', 'Team changed', { before: ZTeam, after: ZTeam }),
  'team.deleted': spec('administration', 'Team', 'Team deleted', { before: ZNamed }),
  // Entity the team, subject the person: replaying these for a team answers "who was in it on date D".
  'team.member_added': spec('administration', 'Team', 'Team member added', { after: ZNamed }),
  'team.member_removed': spec('administration', 'Team', 'Team member removed', { before: ZNamed }),
  'settings.approvals_changed': spec('administration', 'SystemSetting', 'Approval settings changed', {
    before: anyObject.nullable(),
    after: obj({ requestMaxAgeDays: z.number() }),
  }),
  'sod.rule_created': spec('administration', 'SodRule', 'Segregation-of-duties rule added', {
    after: ZSodRuleView,
  }),
  'sod.rule_updated': spec('administration', 'SodRule', 'Segregation-of-duties rule changed', {
    before: ZSodRuleView,
    after: ZSodRuleView,
  }),
  'sod.rule_deleted': spec('administration', 'SodRule', 'Segregation-of-duties rule deleted', {
    before: ZNamed,
  }),
  'sod.rule_retired': spec('administration', 'SodRule', 'Segregation-of-duties rule retired', {
    before: ZNamed,
    after: obj({ name: z.string(), resolved: z.number(), controlsEnded: z.number() }),
  }),
  'birthright_rule.created': spec('administration', 'BirthrightRule', 'Birthright rule added', {
    after: ZBirthrightView,
  }),
  'birthright_rule.updated': spec('administration', 'BirthrightRule', 'Birthright rule changed', {
    before: ZBirthrightView,
    after: ZBirthrightView,
  }),
  'source.created': spec('administration', 'IdentitySource', 'HR source added', {
    after: anyObject,
    metadata: obj({ connectionStringChanged: z.boolean().optional() }),
  }),
  'source.updated': spec('administration', 'IdentitySource', 'HR source changed', {
    before: anyObject.optional(),
    after: anyObject,
    metadata: obj({ connectionStringChanged: z.boolean().optional() }),
  }),
  'scim.token_created': spec('administration', 'ScimToken', 'SCIM token issued', {
    after: obj({ name: text, prefix: text, sourceId: id.nullable().optional() }),
  }),
  'scim.token_revoked': spec('administration', 'ScimToken', 'SCIM token revoked', {
    before: obj({ name: text, prefix: text }),
  }),
  'identity.portal_roles_changed': spec('administration', 'Identity', 'Portal roles changed', {
    before: ZRoles,
    after: ZRoles,
  }),
  'identity.portal_roles_synced': spec(
    'administration',
    'Identity',
    'Portal roles set from the identity provider',
    { before: ZRoles, after: ZRoles, metadata: obj({ added: z.array(text), removed: z.array(text) }) },
  ),
  // Reconciliation settings (review queue branch)
  'application.reconciliation_updated': spec(
    'administration',
    'Application',
    'Reconciliation settings changed',
    { before: anyObject, after: anyObject },
  ),

  // Access reviews (docs/decisions/060): campaigns, and every decision on an item (the person's history tells them)
  'review.campaign_created': spec('administration', 'ReviewCampaign', 'Access review created', {
    after: ZReviewCampaignView,
  }),
  'review.campaign_updated': spec('administration', 'ReviewCampaign', 'Access review changed', {
    before: ZReviewCampaignView,
    after: ZReviewCampaignView,
  }),
  'review.campaign_cancelled': spec('administration', 'ReviewCampaign', 'Access review cancelled', {
    before: statusOnly,
    after: obj({ status: z.literal('CANCELLED'), name: text }),
  }),
  'review.campaign_started': spec('access', 'ReviewCampaign', 'Access review started', {
    after: obj({ name: text, kind: text, items: z.number(), fallback: z.number() }),
    metadata: obj({ parentId: id.nullable().optional(), subjectId: id.nullable().optional() }),
  }),
  'review.campaign_closed': spec('access', 'ReviewCampaign', 'Access review closed', {
    after: obj({
      name: text,
      status: text,
      kept: z.number(),
      revoked: z.number(),
      ended: z.number(),
      escalated: z.number(),
    }),
  }),
  'review.item_decided': spec('access', 'ReviewItem', 'Access review decision', {
    after: obj({
      decision: z.enum(['KEEP', 'REVOKE', 'REASSIGN']),
      status: text,
      stage: z.number(),
      comment: text.nullable(),
      reassignedToId: id.nullable().optional(),
      nextReviewerId: id.nullable().optional(),
    }),
    metadata: ZReviewItemContext,
  }),
  'review.item_escalated': spec('access', 'ReviewItem', 'Access review item escalated', {
    after: obj({ reviewerId: id.nullable(), stage: z.number() }),
    before: obj({ reviewerId: id.nullable() }),
    metadata: ZReviewItemContext,
  }),
  'review.self_review_refused': spec('access', 'ReviewItem', 'Own access: review decision refused', {
    metadata: ZReviewItemContext,
  }),
  'review.item_ended': spec(
    'access',
    'ReviewItem',
    'Access review item closed: the access had already ended',
    { after: obj({ status: z.literal('ENDED') }), metadata: ZReviewItemEnded },
  ),
  'review.reviewers_reminded': spec('access', 'ReviewCampaign', 'Access reviewers reminded', {
    metadata: obj({ name: text, reviewers: z.array(id), items: z.number() }),
  }),
  'settings.mover_review_changed': spec('administration', 'SystemSetting', 'Mover review settings changed', {
    before: anyObject.nullable(),
    after: obj({ mode: text, days: z.number() }),
  }),

  // Report downloads
  'report.exported': spec('reports', 'Report', 'Report downloaded', {
    metadata: obj({ filters: z.record(z.string(), z.string()), format: text }),
  }),

  // Catalog aggregation: what reading an application's entitlements found (docs/decisions/058)
  'catalog.entitlement_discovered': spec('administration', 'Entitlement', 'Entitlement found in the target', {
    after: obj({ name: text, externalId: text, kind: text }),
  }),
  'catalog.entitlement_vanished': spec('administration', 'Entitlement', 'Entitlement gone from the target', {
    after: obj({ name: text, externalId: text, grantsEnded: z.number() }),
  }),
  'catalog.entitlement_returned': spec('administration', 'Entitlement', 'Entitlement back in the target', {
    after: obj({ name: text, externalId: text }),
  }),

  // The mass-change guard beyond HR files (docs/decisions/065)
  'settings.mass_change_changed': spec('administration', 'SystemSetting', 'Mass-change guard changed', {
    before: anyObject.nullable(),
    after: obj({ sharePercent: z.number(), minPeople: z.number() }),
  }),
  'role.mass_change_confirmed': spec('administration', 'Role', 'Mass change to a business role confirmed', {
    after: obj({
      name: text,
      affected: z.number(),
      population: z.number(),
      percent: z.number(),
      reason: text,
    }),
  }),
  'birthright_rule.mass_change_confirmed': spec(
    'administration',
    'BirthrightRule',
    'Mass change to a birthright rule confirmed',
    {
      after: obj({
        name: text,
        affected: z.number(),
        population: z.number(),
        percent: z.number(),
        reason: text,
      }),
    },
  ),
  // People by hand (issue 13): the identity team suspends, reactivates or terminates a person now, with a reason
  'identity.status_set_by_hand': spec(
    'lifecycle',
    'Identity',
    'Person suspended, reactivated or terminated by hand',
    {
      before: obj({ status: text }),
      after: obj({ status: text }),
      metadata: obj({ reason: text, action: z.enum(['SUSPEND', 'REACTIVATE', 'TERMINATE']) }),
    },
  ),
  // The SCIM burst hold (issue 13, docs/decisions/065): deactivations beyond the guard's share wait for the identity team
  'scim.deactivation_held': spec('lifecycle', 'Identity', 'SCIM deactivation held as part of a burst', {
    metadata: obj({
      source: id,
      externalId: text,
      method: text,
      inWindow: z.number(),
      population: z.number(),
      percent: z.number(),
    }),
  }),
  'scim.deactivation_confirmed': spec(
    'lifecycle',
    'Identity',
    'Held SCIM deactivation confirmed and applied',
    { metadata: obj({ source: id, externalId: text, reason: text }) },
  ),
  'scim.deactivation_discarded': spec('lifecycle', 'Identity', 'Held SCIM deactivation discarded', {
    metadata: obj({ source: id, externalId: text, reason: text }),
  }),
  'scim.deactivation_left_held': spec(
    'lifecycle',
    'Identity',
    'Held SCIM deactivation of the decider left for a colleague',
    { metadata: obj({ source: id, externalId: text, decision: text }) },
  ),
  // Attribute-mapping edits under the mass-change guard (issue 13)
  'application.mass_change_confirmed': spec(
    'administration',
    'Application',
    'Mass change to an application’s account attributes confirmed',
    {
      after: obj({
        name: text,
        affected: z.number(),
        population: z.number(),
        percent: z.number(),
        reason: text,
      }),
    },
  ),
  // API tokens, the REST API and MCP (issue 15, docs/decisions/070, 071): every REST call and every MCP tool call is one api.called event
  'api_token.created': spec('administration', 'ApiToken', 'API token created', {
    after: obj({
      name: text,
      prefix: text,
      permissions: z.array(text),
      expiresAt: day,
      teamId: id.nullable(),
    }),
  }),
  'api_token.revoked': spec('administration', 'ApiToken', 'API token revoked', {
    before: obj({ name: text, prefix: text, teamId: id.nullable() }),
  }),
  // Approvals from Slack (issue 15, docs/decisions/072)
  'settings.slack_changed': spec('administration', 'SystemSetting', 'Slack settings changed', {
    before: anyObject.nullable(),
    after: obj({ enabled: z.boolean(), apiUrl: text, secretsSet: z.array(text) }),
    metadata: obj({ secretsChanged: z.array(text) }),
  }),
  'slack.test_message_sent': spec('administration', 'SystemSetting', 'Slack test message sent', {
    metadata: obj({ slackUserId: text }),
  }),
  'api.called': spec('sign-in', 'ApiToken', 'REST API or MCP tool called with a token', {
    metadata: obj({ apiTokenId: id, method: text, path: text, tool: text.optional(), status: z.number() }),
  }),
} as const satisfies Record<string, TAuditActionSpec>;

export type TAuditAction = keyof typeof AUDIT_ACTIONS;
export const AUDIT_ACTION_NAMES = Object.keys(AUDIT_ACTIONS) as TAuditAction[];

/**
 * Names rows written by older versions still hold, and what they mean now. A renamed action keeps its
 * old name here, so the viewer describes and filters old rows as the new action.
 */
export const LEGACY_AUDIT_ACTIONS: Readonly<Record<string, TAuditAction>> = {
  'identity.signed_out': 'session.signed_out',
};

export const isAuditAction = (name: string): name is TAuditAction => Object.hasOwn(AUDIT_ACTIONS, name);

/** The current action a stored name stands for (itself, or what a legacy name became), or null. */
export function canonicalAuditAction(name: string): TAuditAction | null {
  if (isAuditAction(name)) return name;
  return LEGACY_AUDIT_ACTIONS[name] ?? null;
}

/** Every stored name that means one of these actions: the actions themselves and their legacy names. */
export function storedNamesOf(actions: readonly TAuditAction[]): string[] {
  const wanted = new Set<string>(actions);
  return [
    ...actions,
    ...Object.entries(LEGACY_AUDIT_ACTIONS)
      .filter(([, now]) => wanted.has(now))
      .map(([old]) => old),
  ];
}

export const actionsInGroup = (group: TAuditGroup): TAuditAction[] =>
  AUDIT_ACTION_NAMES.filter((a) => AUDIT_ACTIONS[a].group === group);

/** A person's lifecycle history (their page): what happened to them, not every sign-in or request. */
export const PERSON_HISTORY_ACTIONS: readonly TAuditAction[] = AUDIT_ACTION_NAMES.filter(
  (a) =>
    ['identity.', 'grant.', 'correlation.', 'provisioning.', 'reconciliation.', 'review.item_'].some((p) =>
      a.startsWith(p),
    ) || a === 'access.planned',
);
