import type { TUserActor } from '@/server/auth/actor.ts';
import { hasPermission, type TPermission } from '@/server/auth/permissions.ts';
import { isAboutThemselves } from '@/server/lib/self-decision.ts';

/** What the caller may do on a person's page: the server's verdict, so the browser compares no ids. */
export type TPersonViewer = {
  canEdit: boolean;
  canChangeStatus: boolean;
  canEndSessions: boolean;
  canResetPassword: boolean;
  canGrant: boolean;
  canRevoke: boolean;
  /** Why the caller's own record offers none of these, or null. */
  reason: string | null;
};

const OWN_RECORD =
  'This is your own record: another member of the identity team changes it. Your password, sessions and access you manage yourself, from My access and by signing out.';

/**
 * The actions a person's page offers the caller: each needs its permission, and none is offered on
 * the caller's own record (edit, status and direct grants the server refuses there as self-decisions;
 * one's own password, sessions and grants have their own paths). A person who has left is granted
 * nothing new.
 */
export function personViewer(actor: TUserActor, person: { id: string; status: string }): TPersonViewer {
  const own = isAboutThemselves(actor, person.id);
  const may = (permission: TPermission) => !own && hasPermission(actor, permission);
  return {
    canEdit: may('identity.manage'),
    canChangeStatus: may('identity.manage'),
    canEndSessions: may('identity.sessions.end'),
    canResetPassword: may('account.password.forceReset'),
    canGrant: may('access.grantDirect') && person.status !== 'TERMINATED',
    canRevoke: may('access.revokeAny'),
    reason: own ? OWN_RECORD : null,
  };
}
