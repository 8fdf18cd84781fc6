import type { TActor, TPortalRoleName } from './actor.ts';

/**
 * The permission catalogue: every procedure names one of these; roles map to them here and nowhere
 * else. Object-level scope (is this step assigned to you? is this person your report?) is checked in
 * the use case.
 */
export const PERMISSIONS = {
  'catalog.read': ['EMPLOYEE'],
  'request.create': ['EMPLOYEE'],
  'request.createForReport': ['MANAGER', 'IDENTITY_ADMIN'],
  'request.createForAnyone': ['IDENTITY_ADMIN'],
  'request.readOwn': ['EMPLOYEE'],
  'approval.decide': ['EMPLOYEE'],
  'access.readOwn': ['EMPLOYEE'],
  'access.readTeam': ['MANAGER', 'IDENTITY_ADMIN'],
  /** A manager's own pages: My team, and the approvals inbox even when it is empty. */
  'team.view': ['MANAGER'],
  'access.revokeTeam': ['MANAGER', 'IDENTITY_ADMIN'],
  'access.readAll': ['IDENTITY_ADMIN', 'AUDITOR'],
  'access.revokeAny': ['IDENTITY_ADMIN'],
  'identity.readAll': ['IDENTITY_ADMIN', 'AUDITOR'],
  'admin.portalRoles.manage': ['IDENTITY_ADMIN'],
  'identity.sessions.end': ['IDENTITY_ADMIN'],
  'admin.applications.manage': ['IDENTITY_ADMIN'],
  'admin.catalog.manage': ['IDENTITY_ADMIN'],
  'admin.policies.manage': ['IDENTITY_ADMIN'],
  'admin.sod.manage': ['IDENTITY_ADMIN'],
  'admin.birthright.manage': ['IDENTITY_ADMIN'],
  'admin.sources.manage': ['IDENTITY_ADMIN'],
  'admin.scimTokens.manage': ['IDENTITY_ADMIN'],
  'admin.teams.manage': ['IDENTITY_ADMIN'],
  'provisioning.read': ['IDENTITY_ADMIN', 'AUDITOR'],
  'provisioning.manage': ['IDENTITY_ADMIN'],
  'reconciliation.read': ['IDENTITY_ADMIN', 'AUDITOR'],
  'reconciliation.manage': ['IDENTITY_ADMIN'],
  'audit.read': ['IDENTITY_ADMIN', 'AUDITOR'],
  'reports.read': ['IDENTITY_ADMIN', 'AUDITOR'],
  'sod.mitigate': ['SECURITY_OFFICER', 'IDENTITY_ADMIN'],
  'sod.read': ['SECURITY_OFFICER', 'IDENTITY_ADMIN', 'AUDITOR'],
  'delegation.manage': ['EMPLOYEE'],
  'fulfilment.work': ['EMPLOYEE'],
  /** Decide any reconciliation finding and confirm held runs; owners decide their own entitlements' findings without it. */
  'reconciliation.decide': ['IDENTITY_ADMIN'],
  /** The reconciliation review queue: every employee may ask; the use case keeps owners to their own entitlements and applications. */
  'reconciliation.review': ['EMPLOYEE'],
  // Reconciliation runs (issue 11): start a run now, resync a person.
  'reconciliation.run': ['IDENTITY_ADMIN'],
  // Access reviews (issue 12).
  /** Create, start, cancel and close campaigns; set the mover micro-review. */
  'reviews.manage': ['IDENTITY_ADMIN'],
  /** Every campaign, its items and decisions, and the campaign report (evidence). */
  'reviews.read': ['IDENTITY_ADMIN', 'AUDITOR'],
  /** The reviewer's queue: every employee may be a reviewer; the use case keeps each to the items assigned to them. */
  'reviews.decide': ['EMPLOYEE'],
  // The mass-change guard beyond HR files (issue 13, docs/decisions/065).
  /** Set the guard's share and minimum. */
  'admin.massChange.manage': ['IDENTITY_ADMIN'],
  // The identity team's missing tools (issue 13).
  /** Create people by hand, edit what Gatehouse owns of them, suspend, reactivate and terminate them now. */
  'identity.manage': ['IDENTITY_ADMIN'],
  /** Grant an entitlement or role to a person directly (source ADMIN), through SoD like every path. */
  'access.grantDirect': ['IDENTITY_ADMIN'],
  // Self-service password (issue 13, docs/decisions/068).
  /** Set a new password for one's own directory accounts, proving the current one. */
  'account.password.setOwn': ['EMPLOYEE'],
  /** Make a person choose a new directory password at their next sign-in. */
  'account.password.forceReset': ['IDENTITY_ADMIN'],
  // API tokens and the REST API (issue 15, docs/decisions/070).
  /** Create, list and revoke one's own personal API tokens. */
  'apiTokens.manageOwn': ['EMPLOYEE'],
  /** Create, list and revoke teams' service accounts (tokens that act as a sponsor in the team). */
  'admin.serviceAccounts.manage': ['IDENTITY_ADMIN'],
  // Approvals from Slack (issue 15, docs/decisions/072).
  /** Turn Slack on or off, set its bot token and signing secret, send a test message. */
  'admin.slack.manage': ['IDENTITY_ADMIN'],
} as const satisfies Record<string, readonly TPortalRoleName[]>;

export type TPermission = keyof typeof PERMISSIONS;

/**
 * Through an API token a person holds a permission only when both their roles and the token's subset
 * grant it: a token never does more than its person may, nor more than it was given.
 */
export function hasPermission(actor: TActor, permission: TPermission): boolean {
  if (actor.kind === 'SYSTEM') return true;
  if (actor.apiToken && !actor.apiToken.permissions.has(permission)) return false;
  const allowed: readonly TPortalRoleName[] = PERMISSIONS[permission];
  return allowed.some((role) => actor.roles.has(role));
}

/** Every permission the actor holds: what the browser is told it may do (it never decides on a role name). */
export function permissionsOf(actor: TActor): TPermission[] {
  return (Object.keys(PERMISSIONS) as TPermission[]).filter((p) => hasPermission(actor, p));
}
