import type { TPermission } from './permissions.ts';

/** Who is acting. Use cases take an actor and check object-level scope themselves. */
export type TPortalRoleName = 'EMPLOYEE' | 'MANAGER' | 'IDENTITY_ADMIN' | 'AUDITOR' | 'SECURITY_OFFICER';

export type TUserActor = {
  kind: 'USER';
  identityId: string;
  username: string;
  displayName: string;
  roles: ReadonlySet<TPortalRoleName>;
  /**
   * Set when the person acts through an API token (server/modules/api-tokens): the token's permission
   * subset, which hasPermission intersects with the roles above, and its id for the audit trail.
   */
  apiToken?: { id: string; permissions: ReadonlySet<TPermission> };
  /**
   * Set when the person acts from outside the portal's own pages through a chat app (docs/decisions/072):
   * the audit trail records where each of their actions came from.
   */
  channel?: 'slack';
};

/** The worker, a scheduler, a source sync or the SCIM server acting on its own authority. */
export type TSystemActor = {
  kind: 'SYSTEM';
  name: 'WORKER' | 'SCHEDULER' | 'SOURCE' | 'SCIM' | 'SEED' | 'RECONCILIATION' | 'SIGN_IN';
};

export type TActor = TUserActor | TSystemActor;

export const systemActor = (name: TSystemActor['name']): TSystemActor => ({ kind: 'SYSTEM', name });

export function actorId(actor: TActor): string | null {
  return actor.kind === 'USER' ? actor.identityId : null;
}
