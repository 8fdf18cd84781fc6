import type { TUserActor } from '@/server/auth/actor.ts';
import { hasPermission, PERMISSIONS, type TPermission } from '@/server/auth/permissions.ts';
import { AppError } from '@/server/lib/app-error.ts';

/**
 * Permissions a token is never given: a token does not mint tokens or service accounts (a leaked
 * token must not outlive its revocation through children), and does not change who may do what.
 */
const NOT_FOR_TOKENS: ReadonlySet<TPermission> = new Set<TPermission>([
  'apiTokens.manageOwn',
  'admin.serviceAccounts.manage',
  'admin.scimTokens.manage',
  'admin.portalRoles.manage',
  // The Slack bot token is a credential of the organisation's: a token does not set it or redirect it.
  'admin.slack.manage',
]);

export const isGrantableToToken = (permission: string): permission is TPermission =>
  Object.hasOwn(PERMISSIONS, permission) && !NOT_FOR_TOKENS.has(permission as TPermission);

/** What this person could put on a token now: what they hold, less what no token gets. */
export function grantablePermissionsOf(person: TUserActor): TPermission[] {
  return (Object.keys(PERMISSIONS) as TPermission[]).filter(
    (p) => isGrantableToToken(p) && hasPermission(person, p),
  );
}

/**
 * The subset a new token asks for, checked against what `person` holds now: a token cannot be given
 * more than its person has. Duplicates are dropped; the order is the catalogue's.
 */
export function checkTokenPermissions(person: TUserActor, asked: readonly string[]): TPermission[] {
  const wanted = new Set(asked);
  if (wanted.size === 0)
    throw new AppError('INVALID_INPUT', 'Give the token at least one permission', { field: 'permissions' });
  const unknown = [...wanted].filter((p) => !isGrantableToToken(p));
  if (unknown.length)
    throw new AppError('INVALID_INPUT', `A token cannot be given ${unknown.join(', ')}`, {
      field: 'permissions',
    });
  const grantable = new Set(grantablePermissionsOf(person));
  const beyond = [...wanted].filter((p) => !grantable.has(p as TPermission));
  if (beyond.length) {
    throw new AppError(
      'INVALID_INPUT',
      `${person.displayName} does not hold ${beyond.join(', ')}, so a token of theirs cannot either`,
      { field: 'permissions' },
    );
  }
  return (Object.keys(PERMISSIONS) as TPermission[]).filter((p) => wanted.has(p));
}
