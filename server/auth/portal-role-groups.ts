import type { PortalRole } from '@/prisma/generated/enums.ts';

/** Which IdP groups grant which portal role, e.g. from `IDENTITY_ADMIN=idm-team;AUDITOR=internal-audit,sox`. */
export type TRoleGroups = Partial<Record<PortalRole, string[]>>;

/** The granted portal roles (employee and manager follow from the data). */
export const PORTAL_ROLES: readonly PortalRole[] = ['IDENTITY_ADMIN', 'AUDITOR', 'SECURITY_OFFICER'];

/** Reads `ROLE=group,group;ROLE=group`; an unknown role or an empty group list is an error naming it. */
export function parseRoleGroups(text: string): TRoleGroups {
  const out: TRoleGroups = {};
  for (const part of text
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const eq = part.indexOf('=');
    const role = (eq < 0 ? part : part.slice(0, eq)).trim() as PortalRole;
    if (!PORTAL_ROLES.includes(role))
      throw new Error(`"${role}" is not a portal role (${PORTAL_ROLES.join(', ')})`);
    const groups = (eq < 0 ? '' : part.slice(eq + 1))
      .split(',')
      .map((g) => g.trim())
      .filter(Boolean);
    if (groups.length === 0) throw new Error(`${role} names no group: write ${role}=group-name`);
    out[role] = [...(out[role] ?? []), ...groups];
  }
  return out;
}

/** The groups a token lists under `claim`: an array of names, or one name. */
export function groupsFromClaims(claims: Record<string, unknown>, claim: string): string[] {
  const value = claims[claim];
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((g): g is string => typeof g === 'string') : [];
}

/** The roles the mapping manages, and those of them these groups grant (group names compare exactly). */
/** The roles a mapping hands to the identity provider. */
export function managedRoles(map: TRoleGroups): PortalRole[] {
  return PORTAL_ROLES.filter((r) => map[r]?.length);
}

export function rolesFromGroups(
  groups: readonly string[],
  map: TRoleGroups,
): { managed: PortalRole[]; granted: PortalRole[] } {
  const held = new Set(groups);
  const managed = managedRoles(map);
  return { managed, granted: managed.filter((r) => map[r]!.some((g) => held.has(g))) };
}
