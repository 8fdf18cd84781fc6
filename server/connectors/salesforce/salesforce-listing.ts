import type { TPage, TTargetAccount, TTargetEntitlement, TTargetGrant } from '../sdk/connector.ts';
import type { TSalesforceConfig } from './salesforce-config.ts';
import { entitlementExternalId } from './salesforce-entitlements.ts';
import type { SalesforceSession } from './salesforce-session.ts';
import { decodeCursor, encodeCursor, soqlString, type TCursor } from './salesforce-soql.ts';
import { toTargetAccount, USER_READ_FIELDS, type TUserRecord } from './salesforce-user-fields.ts';

/** Ids per IN (...) list: keeps a GET query URL well under the platform's URI length limit. */
const IN_CHUNK = 200;
/** Pages larger than one query batch are assembled by following nextRecordsUrl. */
const MAX_PAGE = 10_000;

const pageSizeOf = (n: number) => Math.max(1, Math.min(MAX_PAGE, Math.floor(n) || 1));

/** One keyset page: rows after the cursor's Id, in Id order; a short page ends the phase. */
async function keysetPage<T extends { Id: string }>(
  session: SalesforceSession,
  context: string,
  select: string,
  conditions: string[],
  cursor: TCursor,
  size: number,
): Promise<{ rows: T[]; next: string | null }> {
  const where = [...conditions, ...(cursor.after ? [`Id > ${soqlString(cursor.after)}`] : [])];
  const soql = `${select}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY Id LIMIT ${size}`;
  const rows = await session.queryUpTo<T>(context, soql, size);
  return { rows, next: rows.length === size ? rows[rows.length - 1]!.Id : null };
}

export async function listAccounts(
  session: SalesforceSession,
  config: TSalesforceConfig,
  cursor: string | null,
  pageSize: number,
): Promise<TPage<TTargetAccount>> {
  const size = pageSizeOf(pageSize);
  const position = decodeCursor(cursor, 'User');
  const types = `UserType IN (${config.userTypes.map(soqlString).join(', ')})`;
  const { rows, next } = await keysetPage<TUserRecord>(
    session,
    'list users',
    `SELECT ${USER_READ_FIELDS.join(', ')} FROM User`,
    [types],
    position,
    size,
  );
  const frozen =
    config.disableMeans === 'freeze'
      ? await frozenUsers(
          session,
          rows.map((r) => r.Id),
        )
      : new Set<string>();
  return {
    items: rows.map((r) => toTargetAccount(r, r.IsActive && !frozen.has(r.Id))),
    nextCursor: next ? encodeCursor({ phase: 'User', after: next }) : null,
  };
}

async function frozenUsers(session: SalesforceSession, ids: string[]): Promise<Set<string>> {
  const frozen = new Set<string>();
  for (let i = 0; i < ids.length; i += IN_CHUNK) {
    const chunk = ids
      .slice(i, i + IN_CHUNK)
      .map(soqlString)
      .join(', ');
    const logins = await session.queryUpTo<{ UserId: string; IsFrozen: boolean }>(
      'list frozen users',
      `SELECT UserId, IsFrozen FROM UserLogin WHERE UserId IN (${chunk})`,
      IN_CHUNK,
    );
    for (const l of logins) if (l.IsFrozen) frozen.add(l.UserId);
  }
  return frozen;
}

/** Profiles first, then assignable permission sets (not profile-owned, not a group's aggregate). */
export async function listEntitlements(
  session: SalesforceSession,
  cursor: string | null,
  pageSize: number,
): Promise<TPage<TTargetEntitlement>> {
  const size = pageSizeOf(pageSize);
  const position = decodeCursor(cursor, 'Profile');
  if (position.phase === 'Profile') {
    const { rows, next } = await keysetPage<{ Id: string; Name: string; Description: string | null }>(
      session,
      'list profiles',
      'SELECT Id, Name, Description FROM Profile',
      [],
      position,
      size,
    );
    return {
      items: rows.map((p) => ({
        externalId: entitlementExternalId('Profile', p.Id),
        name: p.Name,
        description: p.Description ?? '',
        kind: 'PROFILE',
      })),
      nextCursor: encodeCursor(
        next ? { phase: 'Profile', after: next } : { phase: 'PermissionSet', after: null },
      ),
    };
  }
  const { rows, next } = await keysetPage<{
    Id: string;
    Name: string;
    Label: string | null;
    Description: string | null;
  }>(
    session,
    'list permission sets',
    'SELECT Id, Name, Label, Description FROM PermissionSet',
    ['IsOwnedByProfile = false', 'PermissionSetGroupId = null'],
    position,
    size,
  );
  return {
    items: rows.map((p) => ({
      externalId: entitlementExternalId('PermissionSet', p.Id),
      name: p.Label ?? p.Name,
      description: p.Description ?? '',
      kind: 'PERMISSION_SET',
    })),
    nextCursor: next ? encodeCursor({ phase: 'PermissionSet', after: next }) : null,
  };
}

/** Permission set assignments first, then each listed user's one Profile. */
export async function listGrants(
  session: SalesforceSession,
  config: TSalesforceConfig,
  cursor: string | null,
  pageSize: number,
): Promise<TPage<TTargetGrant>> {
  const size = pageSizeOf(pageSize);
  const position = decodeCursor(cursor, 'PermissionSetAssignment');
  const types = config.userTypes.map(soqlString).join(', ');
  if (position.phase === 'PermissionSetAssignment') {
    const { rows, next } = await keysetPage<{ Id: string; AssigneeId: string; PermissionSetId: string }>(
      session,
      'list permission set assignments',
      'SELECT Id, AssigneeId, PermissionSetId FROM PermissionSetAssignment',
      ['PermissionSet.IsOwnedByProfile = false', `Assignee.UserType IN (${types})`],
      position,
      size,
    );
    return {
      items: rows.map((a) => ({
        accountNativeId: a.AssigneeId,
        entitlementExternalId: entitlementExternalId('PermissionSet', a.PermissionSetId),
      })),
      nextCursor: encodeCursor(
        next ? { phase: 'PermissionSetAssignment', after: next } : { phase: 'Profile', after: null },
      ),
    };
  }
  const { rows, next } = await keysetPage<{ Id: string; ProfileId: string }>(
    session,
    'list user profiles',
    'SELECT Id, ProfileId FROM User',
    [`UserType IN (${types})`],
    position,
    size,
  );
  return {
    items: rows.map((u) => ({
      accountNativeId: u.Id,
      entitlementExternalId: entitlementExternalId('Profile', u.ProfileId),
    })),
    nextCursor: next ? encodeCursor({ phase: 'Profile', after: next }) : null,
  };
}
