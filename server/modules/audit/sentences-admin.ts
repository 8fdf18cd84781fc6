import type { TPermission } from '@/server/auth/permissions.ts';
import type { TAuditAction } from './audit-actions.ts';
import { list, num, quoted, str, type TSentenceContext } from './audit-sentence-context.ts';
import { plural, possessive } from './audit-words.ts';

type TSentences = Partial<Record<TAuditAction, (c: TSentenceContext) => string>>;

/** What each permission lets a person do, for "was refused …: it needs the permission to …". */
export const PERMISSION_WORDS: Record<TPermission, string> = {
  'catalog.read': 'browse the catalog',
  'request.create': 'request access',
  'request.createForReport': 'request access for their reports',
  'request.createForAnyone': 'request access for anyone',
  'request.readOwn': 'read their own requests',
  'approval.decide': 'decide approvals',
  'access.readOwn': 'read their own access',
  'access.readTeam': 'read their team’s access',
  'team.view': 'see a manager’s team pages',
  'access.revokeTeam': 'remove their team’s access',
  'access.readAll': 'read everyone’s access',
  'access.revokeAny': 'remove anyone’s access',
  'identity.readAll': 'read the people directory',
  'admin.portalRoles.manage': 'change portal roles',
  'identity.sessions.end': 'end people’s sessions',
  'admin.applications.manage': 'manage applications',
  'admin.catalog.manage': 'manage the catalog',
  'admin.policies.manage': 'manage approval policies',
  'admin.sod.manage': 'manage segregation-of-duties rules',
  'admin.birthright.manage': 'manage birthright rules',
  'admin.sources.manage': 'manage HR sources',
  'admin.scimTokens.manage': 'manage SCIM tokens',
  'admin.teams.manage': 'manage teams',
  'provisioning.read': 'read provisioning',
  'provisioning.manage': 'manage provisioning',
  'reconciliation.read': 'read reconciliation',
  'reconciliation.manage': 'manage reconciliation',
  'audit.read': 'read the audit log',
  'reports.read': 'read reports',
  'sod.mitigate': 'record mitigating controls',
  'sod.read': 'read segregation-of-duties violations',
  'delegation.manage': 'name stand-ins',
  'fulfilment.work': 'work on fulfilment tasks',
  'reconciliation.decide': 'decide reconciliation findings',
  'reconciliation.review': 'review reconciliation findings',
  'reconciliation.run': 'start reconciliation runs',
  'reviews.manage': 'manage access reviews',
  'reviews.read': 'read access reviews',
  'reviews.decide': 'decide access review items',
  'admin.massChange.manage': 'set the mass-change guard',
  'identity.manage': 'add, change, suspend and terminate people by hand',
  'access.grantDirect': 'grant access directly',
  'account.password.setOwn': 'set a new password for their own accounts',
  'account.password.forceReset': 'force a password reset',
  'apiTokens.manageOwn': 'manage their own API tokens',
  'admin.serviceAccounts.manage': 'manage teams’ service accounts',
  'admin.slack.manage': 'manage the Slack app',
};

/** Sentences for signing in and out, ended sessions and refused attempts. */
export const SIGN_IN_SENTENCES = {
  'session.signed_in': (c) =>
    `${c.actor} signed in${c.metadata.method === 'oidc' ? ' with single sign-on' : c.metadata.method === 'demo' ? ' as a demo persona' : ''}`,
  'session.signed_out': (c) => `${c.actor} signed out`,
  'identity.sessions_ended': (c) =>
    c.metadata.reason === 'STATUS'
      ? `${possessive(c.subject)} sessions ended: their status no longer allows signing in`
      : `${c.actor} ended ${possessive(c.subject)} sessions`,
  // Self-service password (issue 13, docs/decisions/068): never the password itself
  'identity.password_changed': (c) =>
    `${c.actor} set a new password for ${c.isSelf ? 'their' : possessive(c.subject)} account${accountIn(c)}`,
  'identity.password_change_refused': (c) =>
    `${c.actor} tried to set a new password for their account${accountIn(c)}: ${str(c.metadata, 'reason') ?? 'refused'}`,
  'identity.password_reset_forced': (c) =>
    `${c.actor} made ${c.subject} choose a new password for their account${accountIn(c)} at their next sign-in${c.metadata.outcome === 'noop' ? ' (it was already asked for)' : ''}${str(c.metadata, 'reason') ? `: ${str(c.metadata, 'reason')}` : ''}`,
  'access.refused': (c) => {
    const permission = str(c.metadata, 'permission') as TPermission | null;
    const needs =
      permission && PERMISSION_WORDS[permission]
        ? `it needs the permission to ${PERMISSION_WORDS[permission]}`
        : (str(c.metadata, 'reason') ?? 'not allowed');
    return `${c.actor} was refused ${quoted(str(c.metadata, 'procedure') ?? c.event.entityId, 'an action')}: ${needs}`;
  },
  'settings.slack_changed': (c) => {
    const secrets = list(c.metadata, 'secretsChanged');
    const on = c.after.enabled === true ? 'on' : 'off';
    return `${c.actor} changed the Slack settings (approvals in Slack ${on}${secrets.length ? `; set ${secrets.join(' and ')}` : ''})`;
  },
  'slack.test_message_sent': (c) => `${c.actor} sent a test message to Slack`,
  'api.called': (c) =>
    str(c.metadata, 'tool')
      ? `${c.actor} called the MCP tool ${quoted(str(c.metadata, 'tool'), 'a tool')} with an API token (${num(c.metadata, 'status') ?? '?'})`
      : `${c.actor} called ${str(c.metadata, 'method') ?? ''} ${str(c.metadata, 'path') ?? 'the REST API'} with an API token (${num(c.metadata, 'status') ?? '?'})`,
} satisfies TSentences;

const accountIn = (c: TSentenceContext) => {
  const username = str(c.metadata, 'username');
  return `${username ? ` “${username}”` : ''} in ${quoted(str(c.metadata, 'application'), 'an application')}`;
};

const named = (c: TSentenceContext, source: 'after' | 'before' = 'after') =>
  str(c[source], 'name') ?? c.entity?.name ?? null;
const app = (c: TSentenceContext) => quoted(c.entity?.name ?? str(c.after, 'name'), 'an application');

/** Sentences for the identity team's administration. */
export const ADMIN_SENTENCES = {
  'application.created': (c) => `${c.actor} added the application ${app(c)}`,
  'application.updated': (c) => `${c.actor} changed the application ${app(c)}`,
  'application.tested': (c) =>
    `${c.actor} tested the connection to ${app(c)}: ${c.after.ok ? 'it works' : `it failed${str(c.after, 'message') ? ` (${str(c.after, 'message')})` : ''}`}`,
  'application.account_rules_updated': (c) => `${c.actor} changed the account rules of ${app(c)}`,
  'entitlement.created': (c) =>
    `${c.actor} added the entitlement ${quoted(named(c), '')}${c.entity?.application ? ` to ${c.entity.application}` : ''}`,
  'entitlement.updated': (c) =>
    `${c.actor} changed the entitlement ${quoted(named(c), '')}${c.entity?.application ? ` in ${c.entity.application}` : ''}`,
  'entitlements.imported': (c) =>
    `${c.actor} imported entitlements from ${app(c)}: ${num(c.after, 'found')} found, ${num(c.after, 'added')} new`,
  'role.created': (c) => `${c.actor} added the business role ${quoted(named(c), '')}`,
  'role.updated': (c) => `${c.actor} changed the business role ${quoted(named(c), '')}`,
  'policy.created': (c) => `${c.actor} added the approval policy ${quoted(named(c), '')}`,
  'policy.updated': (c) => `${c.actor} changed the approval policy ${quoted(named(c), '')}`,
  'policy.deleted': (c) => `${c.actor} deleted the approval policy ${quoted(named(c, 'before'), '')}`,
  'policy.attached': (c) => {
    const n = plural(list(c.after, 'targets').length, 'item');
    return c.event.entityId === 'risk-default'
      ? `${c.actor} returned ${n} to the approval policy of their risk level`
      : `${c.actor} attached the approval policy ${quoted(c.entity?.name, '')} to ${n}`;
  },
  'auto_approval.created': (c) => `${c.actor} added the auto-approval rule ${quoted(named(c), '')}`,
  'auto_approval.updated': (c) => `${c.actor} changed the auto-approval rule ${quoted(named(c), '')}`,
  'auto_approval.deleted': (c) =>
    `${c.actor} deleted the auto-approval rule ${quoted(named(c, 'before'), '')}`,
  'team.created': (c) => `${c.actor} added the team ${quoted(named(c), '')}`,
  'team.updated': (c) => `${c.actor} changed the team ${quoted(named(c), '')}`,
  'team.deleted': (c) => `${c.actor} deleted the team ${quoted(named(c, 'before'), '')}`,
  'team.member_added': (c) => `${c.actor} added ${c.subject} to the team ${quoted(named(c), '')}`,
  'team.member_removed': (c) =>
    `${c.actor} removed ${c.subject} from the team ${quoted(named(c, 'before'), '')}`,
  'settings.approvals_changed': (c) => `${c.actor} changed the approval settings`,
  'sod.rule_created': (c) => `${c.actor} added the segregation-of-duties rule ${quoted(named(c), '')}`,
  'sod.rule_updated': (c) => `${c.actor} changed the segregation-of-duties rule ${quoted(named(c), '')}`,
  'sod.rule_deleted': (c) =>
    `${c.actor} deleted the segregation-of-duties rule ${quoted(named(c, 'before'), '')}`,
  'sod.rule_retired': (c) =>
    `${c.actor} retired the segregation-of-duties rule ${quoted(named(c, 'before'), '')}, its violations and controls kept`,
  'birthright_rule.created': (c) => `${c.actor} added the birthright rule ${quoted(named(c), '')}`,
  'birthright_rule.updated': (c) => `${c.actor} changed the birthright rule ${quoted(named(c), '')}`,
  'source.created': (c) => `${c.actor} added the HR source ${quoted(named(c), '')}`,
  'source.updated': (c) => `${c.actor} changed the HR source ${quoted(named(c), '')}`,
  'scim.token_created': (c) => `${c.actor} issued the SCIM token ${quoted(str(c.after, 'name'), '')}`,
  'api_token.created': (c) =>
    `${c.actor} created the ${str(c.after, 'teamId') ? 'service account' : 'API token'} ${quoted(str(c.after, 'name'), '')}`,
  'api_token.revoked': (c) =>
    `${c.actor} revoked the ${str(c.before, 'teamId') ? 'service account' : 'API token'} ${quoted(str(c.before, 'name'), '')}`,
  'scim.token_revoked': (c) =>
    `${c.actor} revoked the SCIM token ${quoted(str(c.before, 'name') ?? c.entity?.name, '')}`,
  'identity.portal_roles_changed': (c) => `${c.actor} changed ${possessive(c.subject)} portal roles`,
  'identity.portal_roles_synced': (c) =>
    `${possessive(c.subject)} portal roles were set from the identity provider’s groups`,
  'application.reconciliation_updated': (c) => `${c.actor} changed the reconciliation settings of ${app(c)}`,
  // The mass-change guard beyond HR files (docs/decisions/065)
  'settings.mass_change_changed': (c) =>
    `${c.actor} set the mass-change guard to ${num(c.after, 'sharePercent') ?? '?'}% of people, from ${plural(num(c.after, 'minPeople') ?? 0, 'person', 'people')} on`,
  'role.mass_change_confirmed': (c) =>
    `${c.actor} confirmed a change to the business role ${quoted(named(c), '')} that removes access from ${plural(num(c.after, 'affected') ?? 0, 'person', 'people')} (${num(c.after, 'percent') ?? '?'}%): ${str(c.after, 'reason') ?? 'no reason given'}`,
  'birthright_rule.mass_change_confirmed': (c) =>
    `${c.actor} confirmed a change to the birthright rule ${quoted(named(c), '')} that removes access from ${plural(num(c.after, 'affected') ?? 0, 'person', 'people')} (${num(c.after, 'percent') ?? '?'}%): ${str(c.after, 'reason') ?? 'no reason given'}`,
  'application.mass_change_confirmed': (c) =>
    `${c.actor} confirmed a change to the account attributes of ${quoted(named(c), '')} that changes the accounts of ${plural(num(c.after, 'affected') ?? 0, 'person', 'people')} (${num(c.after, 'percent') ?? '?'}%): ${str(c.after, 'reason') ?? 'no reason given'}`,
} satisfies TSentences;

/** Sentences for evidence leaving the portal. */
export const REPORT_SENTENCES = {
  'report.exported': (c) => {
    const filters = Object.entries((c.metadata.filters ?? {}) as Record<string, string>).filter(
      ([, v]) => v !== '',
    );
    const report = c.event.entityId.replaceAll('-', ' ');
    return `${c.actor} downloaded the ${report} report as CSV${filters.length ? ` (${filters.map(([k, v]) => `${k} ${v}`).join(', ')})` : ''}`;
  },
} satisfies TSentences;

/** Sentences for what catalog aggregation found in a target. */
export const CATALOG_SENTENCES = {
  'catalog.entitlement_discovered': (c) =>
    `${c.actor} found the entitlement ${quoted(named(c), '')} in ${c.entity?.application ?? 'its application'}; it waits for the identity team’s review`,
  'catalog.entitlement_vanished': (c) => {
    const ended = num(c.after, 'grantsEnded');
    return `${c.actor} found that the entitlement ${quoted(named(c), '')} no longer exists in ${c.entity?.application ?? 'its application'}${ended ? `; ${plural(ended, 'grant')} ended` : ''}`;
  },
  'catalog.entitlement_returned': (c) =>
    `${c.actor} found the entitlement ${quoted(named(c), '')} in ${c.entity?.application ?? 'its application'} again`,
} satisfies TSentences;
