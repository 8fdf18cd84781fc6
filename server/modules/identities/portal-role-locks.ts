import type { PortalRole } from '@/prisma/generated/enums.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { selfDecisionError } from '@/server/lib/self-decision.ts';

export const PORTAL_ROLE_LABEL: Record<PortalRole, string> = {
  IDENTITY_ADMIN: 'Identity admin',
  AUDITOR: 'Auditor',
  SECURITY_OFFICER: 'Security officer',
};

export type TPortalRoleLock = { role: PortalRole; reason: string };

/**
 * Which of a person's portal roles the actor may not switch, and why: what setPortalRoles refuses
 * and what the person page shows instead of a checkbox, from this one rule. Roles the IdP's groups
 * decide (OIDC_ROLE_GROUPS) are changed there; nobody gives themselves a role (a colleague decides
 * it) nor takes away their own identity-admin role (nobody would be left to give it back). Taking
 * away one's own Auditor or Security officer role stays allowed: giving up access decides nothing.
 */
export function portalRoleLocks(
  actorId: string,
  person: { id: string; roles: readonly PortalRole[] },
  managedByIdp: readonly PortalRole[],
): TPortalRoleLock[] {
  const isSelf = person.id === actorId;
  return (Object.keys(PORTAL_ROLE_LABEL) as PortalRole[]).flatMap((role): TPortalRoleLock[] => {
    if (managedByIdp.includes(role)) return [{ role, reason: 'Decided by your identity provider’s groups' }];
    if (!isSelf) return [];
    if (!person.roles.includes(role)) return [{ role, reason: 'Another identity admin grants this to you' }];
    if (role === 'IDENTITY_ADMIN') return [{ role, reason: 'Another identity admin must take this away' }];
    return [];
  });
}

/** Refuses a change of roles the locks forbid (the IdP's first: that answer holds for anyone). */
export function assertMayChangeRoles(
  actorId: string,
  person: { id: string; roles: readonly PortalRole[] },
  changed: readonly PortalRole[],
  managedByIdp: readonly PortalRole[],
): void {
  const locked = new Set(portalRoleLocks(actorId, person, managedByIdp).map((l) => l.role));
  const fromIdp = changed.filter((r) => managedByIdp.includes(r));
  if (fromIdp.length)
    throw new AppError(
      'INVALID_INPUT',
      `${fromIdp.map((r) => PORTAL_ROLE_LABEL[r]).join(' and ')}: decided by your identity provider's groups (OIDC_ROLE_GROUPS); change the group there`,
      { field: 'roles' },
    );
  const own = changed.filter((r) => locked.has(r));
  if (own.some((r) => !person.roles.includes(r)))
    throw selfDecisionError('give yourself a portal role', 'another identity admin');
  if (own.length) throw selfDecisionError('take away your own identity-admin role', 'another identity admin');
}
