import { entityIsDeleted, fault, notFound } from '@/server/testing/salesforce-emulator/api-fault.ts';
import { validateWrite, type TFieldValue } from '@/server/testing/salesforce-emulator/field-validation.ts';
import { IdFactory, KEY_PREFIX } from '@/server/testing/salesforce-emulator/ids.ts';
import type { TObjectName } from '@/server/testing/salesforce-emulator/org-schema.ts';

export type TRecord = { Id: string } & Record<string, TFieldValue>;

const key = (id: string) => id.slice(0, 15);
/** The platform's own timestamp format, e.g. 2026-01-31T09:15:00.000+0000. */
export const sfDateTime = (d = new Date()) => d.toISOString().replace('Z', '+0000');

const DUPLICATE_USERNAME =
  "Duplicate Username.<br>The username already exists in this or another Salesforce organization. Usernames must be unique across all Salesforce organizations. To resolve, use a different username (it doesn't need to match the user's email address). ";

/**
 * One emulated org's records and the platform rules the connector depends on: usernames unique
 * across all orgs, a UserLogin and a profile-owned permission set assignment for every user,
 * permission set assignments unique per (user, set) and licence-compatible, users never deleted.
 */
export class OrgStore {
  readonly orgId: string;
  readonly ids: IdFactory;
  /** Usernames taken in other orgs: Salesforce usernames are unique across every org. */
  readonly foreignUsernames = new Set<string>();
  private readonly tables = new Map<TObjectName, Map<string, TRecord>>();
  private readonly deleted = new Set<string>();
  private readonly usernames = new Map<string, string>();

  constructor(pod = 'Em') {
    this.ids = new IdFactory(pod);
    this.orgId = this.ids.next(KEY_PREFIX.Organization);
  }

  find(object: TObjectName, id: string): TRecord | undefined {
    return this.table(object).get(key(id));
  }

  /** Every record of a type, in Id order (the order ORDER BY Id gives). */
  all(object: TObjectName): TRecord[] {
    return [...this.table(object).values()].sort((a, b) => (a.Id < b.Id ? -1 : a.Id > b.Id ? 1 : 0));
  }

  /** Reads one record for a REST call: deleted and unknown Ids answer as Salesforce does. */
  read(object: TObjectName, id: string): TRecord {
    const record = this.find(object, id);
    if (record) return record;
    throw this.deleted.has(key(id)) ? entityIsDeleted() : notFound();
  }

  /** Seeds a record the API cannot create (profiles, permission sets, the integration user). */
  put(object: TObjectName, fields: Omit<TRecord, 'Id'>, prefix: string): TRecord {
    const now = sfDateTime();
    const record = {
      ...fields,
      Id: this.ids.next(prefix),
      CreatedDate: now,
      LastModifiedDate: now,
      SystemModstamp: now,
    } as TRecord;
    this.table(object).set(key(record.Id), record);
    return record;
  }

  insert(object: TObjectName, body: Record<string, unknown>): TRecord {
    if (object !== 'User' && object !== 'PermissionSetAssignment') {
      throw fault(400, 'INVALID_TYPE_FOR_OPERATION', `entity type ${object} does not support insert`);
    }
    const fields = validateWrite(object, body, 'create', (o, id) => !!this.find(o, id));
    if (object === 'User') return this.insertUser(fields);
    return this.insertAssignment(fields);
  }

  update(object: TObjectName, id: string, body: Record<string, unknown>): void {
    const record = this.read(object, id);
    const fields = validateWrite(object, body, 'update', (o, ref) => !!this.find(o, ref));
    if (object === 'User') {
      const username = fields.Username;
      if (typeof username === 'string' && username.toLowerCase() !== String(record.Username).toLowerCase()) {
        this.assertUsernameFree(username);
        this.usernames.delete(String(record.Username).toLowerCase());
        this.usernames.set(username.toLowerCase(), record.Id);
      }
      if (typeof fields.ProfileId === 'string' && key(fields.ProfileId) !== key(String(record.ProfileId))) {
        this.moveProfileAssignment(record.Id, fields.ProfileId);
      }
    }
    Object.assign(record, fields, { LastModifiedDate: sfDateTime(), SystemModstamp: sfDateTime() });
    if (object === 'User') record.Name = [record.FirstName, record.LastName].filter(Boolean).join(' ');
  }

  /**
   * A user signs in: LastLoginDate moves, and (as in Salesforce) neither LastModifiedDate nor
   * SystemModstamp does, so only a full read sees it.
   */
  signIn(userId: string, at: Date = new Date()): void {
    this.read('User', userId).LastLoginDate = sfDateTime(at);
  }

  remove(object: TObjectName, id: string): void {
    if (object !== 'PermissionSetAssignment') {
      // The User object has no delete() call; the REST resource answers 405 like any unsupported verb.
      throw fault(405, 'METHOD_NOT_ALLOWED', "HTTP Method 'DELETE' not allowed. Allowed are GET,HEAD,PATCH");
    }
    const record = this.read(object, id);
    if (this.find('PermissionSet', String(record.PermissionSetId))?.IsOwnedByProfile) throw profileOwned();
    this.table(object).delete(key(id));
    this.deleted.add(key(id));
  }

  private insertUser(fields: Record<string, TFieldValue>): TRecord {
    this.assertUsernameFree(String(fields.Username));
    const user = this.put(
      'User',
      {
        IsActive: true,
        ...fields,
        Name: [fields.FirstName, fields.LastName].filter(Boolean).join(' '),
        UserType: 'Standard',
        CommunityNickname:
          fields.CommunityNickname ?? `${String(fields.Alias)}${this.table('User').size + 1}`,
      },
      KEY_PREFIX.User,
    );
    this.usernames.set(String(user.Username).toLowerCase(), user.Id);
    this.put(
      'UserLogin',
      { UserId: user.Id, IsFrozen: false, IsPasswordLocked: false },
      KEY_PREFIX.UserLogin,
    );
    const owned = this.profilePermissionSet(String(user.ProfileId));
    if (owned)
      this.put(
        'PermissionSetAssignment',
        { AssigneeId: user.Id, PermissionSetId: owned.Id, PermissionSetGroupId: null },
        KEY_PREFIX.PermissionSetAssignment,
      );
    return user;
  }

  private insertAssignment(fields: Record<string, TFieldValue>): TRecord {
    const assignee = this.find('User', String(fields.AssigneeId))!;
    const group = fields.PermissionSetGroupId
      ? this.find('PermissionSetGroup', String(fields.PermissionSetGroupId))
      : undefined;
    if (!!fields.PermissionSetId === !!group) {
      throw fault(
        400,
        'FIELD_INTEGRITY_EXCEPTION',
        'field integrity exception: PermissionSetId, PermissionSetGroupId (specify either a permission set or a permission set group)',
        ['PermissionSetId', 'PermissionSetGroupId'],
      );
    }
    // A group is assigned through its aggregate permission set, which the row then names.
    const set = group
      ? this.all('PermissionSet').find((p) => key(String(p.PermissionSetGroupId)) === key(group.Id))!
      : this.find('PermissionSet', String(fields.PermissionSetId))!;
    if (set.IsOwnedByProfile) throw profileOwned();
    if (!group && set.PermissionSetGroupId) {
      throw fault(
        400,
        'FIELD_INTEGRITY_EXCEPTION',
        "You can't assign a permission set group's aggregate permission set directly.",
        [],
      );
    }
    const profile = this.find('Profile', String(assignee.ProfileId));
    if (set.LicenseId && profile && key(String(set.LicenseId)) !== key(String(profile.UserLicenseId))) {
      throw fault(
        400,
        'FIELD_INTEGRITY_EXCEPTION',
        "field integrity exception: unknown (Permission set license doesn't match the user's license)",
        [],
      );
    }
    const duplicate = this.all('PermissionSetAssignment').some(
      (a) => key(String(a.AssigneeId)) === key(assignee.Id) && key(String(a.PermissionSetId)) === key(set.Id),
    );
    if (duplicate)
      throw fault(
        400,
        'DUPLICATE_VALUE',
        'duplicate value found: <unknown> duplicates value on record with id: <unknown>',
      );
    return this.put(
      'PermissionSetAssignment',
      { AssigneeId: assignee.Id, PermissionSetId: set.Id, PermissionSetGroupId: group?.Id ?? null },
      KEY_PREFIX.PermissionSetAssignment,
    );
  }

  /** Seeds a permission set group and its aggregate permission set, as Setup creates both. */
  putPermissionSetGroup(DeveloperName: string, MasterLabel: string, Description: string): TRecord {
    const group = this.put(
      'PermissionSetGroup',
      { DeveloperName, MasterLabel, Description, Status: 'Updated' },
      KEY_PREFIX.PermissionSetGroup,
    );
    this.put(
      'PermissionSet',
      {
        Name: `PSG_${DeveloperName}`.slice(0, 80),
        Label: MasterLabel,
        Description: null,
        IsOwnedByProfile: false,
        ProfileId: null,
        LicenseId: null,
        PermissionSetGroupId: group.Id,
      },
      KEY_PREFIX.PermissionSet,
    );
    return group;
  }

  /** Deletes a seeded record as Setup would (a permission set group, say), with its assignments. */
  removeFromSetup(object: 'PermissionSetGroup' | 'PermissionSet', id: string): void {
    const record = this.read(object, id);
    const sets =
      object === 'PermissionSet'
        ? [record]
        : this.all('PermissionSet').filter((p) => key(String(p.PermissionSetGroupId)) === key(record.Id));
    for (const set of sets) {
      for (const a of this.all('PermissionSetAssignment'))
        if (key(String(a.PermissionSetId)) === key(set.Id))
          this.table('PermissionSetAssignment').delete(key(a.Id));
      this.table('PermissionSet').delete(key(set.Id));
    }
    this.table(object).delete(key(record.Id));
    this.deleted.add(key(record.Id));
  }

  private assertUsernameFree(username: string): void {
    const lower = username.toLowerCase();
    if (this.foreignUsernames.has(lower) || this.usernames.has(lower))
      throw fault(400, 'DUPLICATE_USERNAME', DUPLICATE_USERNAME, ['Username']);
  }

  private profilePermissionSet(profileId: string): TRecord | undefined {
    return this.all('PermissionSet').find(
      (p) => p.IsOwnedByProfile && key(String(p.ProfileId)) === key(profileId),
    );
  }

  private moveProfileAssignment(userId: string, profileId: string): void {
    const next = this.profilePermissionSet(profileId);
    const current = this.all('PermissionSetAssignment').find(
      (a) =>
        key(String(a.AssigneeId)) === key(userId) &&
        this.find('PermissionSet', String(a.PermissionSetId))?.IsOwnedByProfile,
    );
    if (current && next) current.PermissionSetId = next.Id;
  }

  private table(object: TObjectName): Map<string, TRecord> {
    let t = this.tables.get(object);
    if (!t) this.tables.set(object, (t = new Map()));
    return t;
  }
}

const profileOwned = () =>
  fault(
    400,
    'FIELD_INTEGRITY_EXCEPTION',
    "You can't assign or unassign this permission set because it's associated with a profile.",
    [],
  );
