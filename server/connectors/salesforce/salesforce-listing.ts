import type {
  TListOptions,
  TPage,
  TTargetAccount,
  TTargetEntitlement,
  TTargetGrant,
} from '../sdk/connector.ts';
import { ConnectorError } from '../sdk/connector-error.ts';
import type { TSalesforceConfig } from './salesforce-config.ts';
import { entitlementExternalId } from './salesforce-entitlements.ts';
import type { SalesforceSession } from './salesforce-session.ts';
import { decodeCursor, encodeCursor, soqlString, type TCursor } from './salesforce-soql.ts';
import { toTargetAccount, USER_READ_FIELDS, type TUserRecord } from './salesforce-user-fields.ts';

/** Ids per IN (...) list: 200 18-character Ids keep a GET query URL far under the URI limit. */
const IN_CHUNK = 200;
/** Pages larger than one query batch are assembled by following nextRecordsUrl. */
const MAX_PAGE = 10_000;

const pageSizeOf = (n: number) => Math.max(1, Math.min(MAX_PAGE, Math.floor(n) || 1));

/** ORDER BY Id order: the 15 case-sensitive characters, compared as the platform sorts them. */
const idAfter = (a: string, b: string) => a.slice(0, 15) > b.slice(0, 15);

/**
 * One keyset page: rows after the cursor's Id, in Id order; a short page ends the phase. A page
 * whose rows do not all lie after the cursor means the server ignored `Id >` (or ORDER BY): the
 * next cursor would not move forward, and following it would page forever. That is an error
 * (permanent: retrying asks the same server the same question), naming the listing.
 */
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
  let previous = cursor.after;
  for (const row of rows) {
    if (previous !== null && !idAfter(row.Id, previous)) {
      throw new ConnectorError(
        'unsupported',
        `${context}: the page cursor did not move forward (row ${row.Id} is not after ${previous}); the server does not honour "Id >" with ORDER BY Id, so paging would never end`,
      );
    }
    previous = row.Id;
  }
  return { rows, next: rows.length === size ? rows[rows.length - 1]!.Id : null };
}

/**
 * `SystemModstamp >= <changedSince>` for incremental reads. SOQL dateTime literals carry no
 * fraction of a second, so the instant is rounded down: a read may repeat a row, never miss one.
 */
function changedSinceCondition(options: TListOptions | undefined): string[] {
  if (!options?.changedSince) return [];
  const at = options.changedSince.getTime();
  if (Number.isNaN(at)) throw new ConnectorError('invalidAttribute', 'changedSince is not a valid instant');
  return [`SystemModstamp >= ${new Date(Math.floor(at / 1000) * 1000).toISOString().replace('.000Z', 'Z')}`];
}

export async function listAccounts(
  session: SalesforceSession,
  config: TSalesforceConfig,
  cursor: string | null,
  pageSize: number,
  options?: TListOptions,
): Promise<TPage<TTargetAccount>> {
  const size = pageSizeOf(pageSize);
  const position = decodeCursor('accounts', cursor);
  const types = `UserType IN (${config.userTypes.map(soqlString).join(', ')})`;
  const { rows, next } = await keysetPage<TUserRecord>(
    session,
    'list users',
    `SELECT ${USER_READ_FIELDS.join(', ')} FROM User`,
    [types, ...changedSinceCondition(options)],
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
    nextCursor: next ? encodeCursor('accounts', { phase: 'User', after: next }) : null,
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

type TNamed = { Id: string; Name: string; Description: string | null };

/**
 * Profiles, then assignable permission sets (not profile-owned, not a group's aggregate), then
 * permission set groups: the three things a PermissionSetAssignment or User.ProfileId can grant.
 */
export async function listEntitlements(
  session: SalesforceSession,
  cursor: string | null,
  pageSize: number,
): Promise<TPage<TTargetEntitlement>> {
  const size = pageSizeOf(pageSize);
  const position = decodeCursor('entitlements', cursor);
  if (position.phase === 'Profile') {
    const { rows, next } = await keysetPage<TNamed>(
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
        'entitlements',
        next ? { phase: 'Profile', after: next } : { phase: 'PermissionSet', after: null },
      ),
    };
  }
  if (position.phase === 'PermissionSet') {
    const { rows, next } = await keysetPage<TNamed & { Label: string | null }>(
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
      nextCursor: encodeCursor(
        'entitlements',
        next ? { phase: 'PermissionSet', after: next } : { phase: 'PermissionSetGroup', after: null },
      ),
    };
  }
  const { rows, next } = await keysetPage<{
    Id: string;
    DeveloperName: string;
    MasterLabel: string | null;
    Description: string | null;
  }>(
    session,
    'list permission set groups',
    'SELECT Id, DeveloperName, MasterLabel, Description FROM PermissionSetGroup',
    [],
    position,
    size,
  );
  return {
    items: rows.map((g) => ({
      externalId: entitlementExternalId('PermissionSetGroup', g.Id),
      name: g.MasterLabel ?? g.DeveloperName,
      description: g.Description ?? '',
      kind: 'PERMISSION_SET_GROUP',
    })),
    nextCursor: next ? encodeCursor('entitlements', { phase: 'PermissionSetGroup', after: next }) : null,
  };
}

/**
 * Permission set and permission set group assignments first, then each listed user's one Profile.
 * A group's assignment row names the group in PermissionSetGroupId (its PermissionSetId is the
 * group's aggregate set, which listEntitlements leaves out): it is reported as the group.
 * With `changedSince`, only assignments created since (SystemModstamp) and users changed since
 * (their profile); a removed assignment leaves no row to read, so only a full read sees removals.
 */
export async function listGrants(
  session: SalesforceSession,
  config: TSalesforceConfig,
  cursor: string | null,
  pageSize: number,
  options?: TListOptions,
): Promise<TPage<TTargetGrant>> {
  const size = pageSizeOf(pageSize);
  const position = decodeCursor('grants', cursor);
  const types = config.userTypes.map(soqlString).join(', ');
  const since = changedSinceCondition(options);
  if (position.phase === 'PermissionSetAssignment') {
    const { rows, next } = await keysetPage<{
      Id: string;
      AssigneeId: string;
      PermissionSetId: string;
      PermissionSetGroupId: string | null;
    }>(
      session,
      'list permission set assignments',
      'SELECT Id, AssigneeId, PermissionSetId, PermissionSetGroupId FROM PermissionSetAssignment',
      ['PermissionSet.IsOwnedByProfile = false', `Assignee.UserType IN (${types})`, ...since],
      position,
      size,
    );
    return {
      items: rows.map((a) => ({
        accountNativeId: a.AssigneeId,
        entitlementExternalId: a.PermissionSetGroupId
          ? entitlementExternalId('PermissionSetGroup', a.PermissionSetGroupId)
          : entitlementExternalId('PermissionSet', a.PermissionSetId),
      })),
      nextCursor: encodeCursor(
        'grants',
        next ? { phase: 'PermissionSetAssignment', after: next } : { phase: 'Profile', after: null },
      ),
    };
  }
  const { rows, next } = await keysetPage<{ Id: string; ProfileId: string }>(
    session,
    'list user profiles',
    'SELECT Id, ProfileId FROM User',
    [`UserType IN (${types})`, ...since],
    position,
    size,
  );
  return {
    items: rows.map((u) => ({
      accountNativeId: u.Id,
      entitlementExternalId: entitlementExternalId('Profile', u.ProfileId),
    })),
    nextCursor: next ? encodeCursor('grants', { phase: 'Profile', after: next }) : null,
  };
}
