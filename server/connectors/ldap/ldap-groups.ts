import {
  Attribute,
  Change,
  NoSuchAttributeError,
  NoSuchObjectError,
  ObjectClassViolationError,
  TypeOrValueExistsError,
  type Client,
} from 'ldapts';
import type { TOutcome } from '../sdk/connector.ts';
import { ConnectorError } from '../sdk/connector-error.ts';
import { placeholderDn, type TLdapConfig } from './ldap-config.ts';
import { readEntry } from './ldap-entries.ts';
import { canonicalDn, escapeFilterValue } from './ldap-escape.ts';

/** How a group holds its members: by DN, or (posixGroup) by username. */
export type TGroupType = {
  attribute: 'member' | 'uniqueMember' | 'memberUid';
  byUsername: boolean;
  needsMember: boolean;
};

const GROUP_TYPES: [string, TGroupType][] = [
  ['groupofnames', { attribute: 'member', byUsername: false, needsMember: true }],
  ['groupofuniquenames', { attribute: 'uniqueMember', byUsername: false, needsMember: true }],
  ['posixgroup', { attribute: 'memberUid', byUsername: true, needsMember: false }],
];

export const GROUP_FILTER =
  '(|(objectClass=groupOfNames)(objectClass=groupOfUniqueNames)(objectClass=posixGroup))';

export function groupTypeOf(objectClasses: string[]): TGroupType | null {
  const classes = new Set(objectClasses.map((c) => c.toLowerCase()));
  return GROUP_TYPES.find(([name]) => classes.has(name))?.[1] ?? null;
}

/** A group never changes class, so each is looked up once per connector. */
export class GroupTypeCache {
  private readonly types = new Map<string, TGroupType>();

  async get(c: Client, group: string): Promise<TGroupType> {
    const key = canonicalDn(group).toLowerCase();
    const cached = this.types.get(key);
    if (cached) return cached;
    const entry = await readEntry(c, group, ['objectClass']);
    if (!entry) throw new ConnectorError('notFound', `group ${group} does not exist`);
    const type = groupTypeOf(entry.get('objectClass'));
    if (!type) {
      const message = `${group} is not a groupOfNames, groupOfUniqueNames or posixGroup`;
      throw new ConnectorError('invalidConfig', message);
    }
    this.types.set(key, type);
    return type;
  }
}

export const change = (operation: 'add' | 'delete', type: string, values: string[]) =>
  new Change({ operation, modification: new Attribute({ type, values }) });

const ignoring =
  (...types: (abstract new (...args: never[]) => Error)[]) =>
  (error: unknown) => {
    if (!types.some((t) => error instanceof t)) throw error;
  };

export async function addMember(
  c: Client,
  config: TLdapConfig,
  group: string,
  type: TGroupType,
  value: string,
): Promise<TOutcome> {
  let outcome: TOutcome = 'applied';
  try {
    await c.modify(group, change('add', type.attribute, [value]));
  } catch (error) {
    if (!(error instanceof TypeOrValueExistsError)) throw error;
    outcome = 'noop';
  }
  if (type.needsMember) await removeStandIn(c, config, group, type);
  return outcome;
}

/** The stand-in member is no longer needed once a real one is there. */
export async function removeStandIn(
  c: Client,
  config: TLdapConfig,
  group: string,
  type: TGroupType,
): Promise<void> {
  await c
    .modify(group, change('delete', type.attribute, [placeholderDn(config)]))
    .catch(ignoring(NoSuchAttributeError));
}

/** groupOfNames and groupOfUniqueNames must keep one member: the stand-in replaces the last one. */
export async function removeMember(
  c: Client,
  config: TLdapConfig,
  group: string,
  type: TGroupType,
  value: string,
): Promise<TOutcome> {
  const remove = change('delete', type.attribute, [value]);
  try {
    await c.modify(group, remove);
    return 'applied';
  } catch (error) {
    if (error instanceof NoSuchAttributeError || error instanceof NoSuchObjectError) return 'noop';
    if (!(error instanceof ObjectClassViolationError && type.needsMember)) throw error;
    await c.modify(group, [change('add', type.attribute, [placeholderDn(config)]), remove]);
    return 'applied';
  }
}

/** Groups under the base holding `value` in `attribute`. */
async function groupsHolding(
  c: Client,
  config: TLdapConfig,
  attribute: TGroupType['attribute'],
  value: string,
): Promise<string[]> {
  const { searchEntries } = await c.search(config.baseDn, {
    scope: 'sub',
    filter: `(${attribute}=${escapeFilterValue(value)})`,
    attributes: ['1.1'],
  });
  return searchEntries.map((e) => e.dn);
}

/**
 * An account's DN changed (moved to or from the disabled OU, or renamed): the groups that named it
 * by DN must name the new DN, or the account would silently lose its access. Runs on every move,
 * even one found already done, so a crash between the move and this step heals on the retry.
 */
export async function followDnChange(
  c: Client,
  config: TLdapConfig,
  oldDn: string,
  newDn: string,
): Promise<void> {
  for (const attribute of ['member', 'uniqueMember'] as const) {
    for (const group of await groupsHolding(c, config, attribute, oldDn)) {
      await replaceValue(c, group, attribute, oldDn, newDn);
    }
  }
}

/**
 * memberUid is an IA5 (ASCII) string. A rename that a posixGroup could not follow is refused
 * before anything changes, rather than leaving the account renamed and the group behind.
 */
export async function assertRenameFollowable(
  c: Client,
  config: TLdapConfig,
  oldName: string,
  newName: string,
): Promise<void> {
  if ([...newName].every((ch) => ch.charCodeAt(0) < 0x80)) return;
  const held = await groupsHolding(c, config, 'memberUid', oldName);
  if (held.length === 0) return;
  throw new ConnectorError(
    'invalidAttribute',
    `cannot rename ${oldName} to ${newName}: posixGroup memberUid holds ASCII only, and ${held.join('; ')} name ${oldName}`,
  );
}

/** posixGroup names members by username, so a rename is followed there too. */
export async function followRename(
  c: Client,
  config: TLdapConfig,
  oldName: string,
  newName: string,
): Promise<void> {
  for (const group of await groupsHolding(c, config, 'memberUid', oldName)) {
    await replaceValue(c, group, 'memberUid', oldName, newName);
  }
}

/** A deleted account leaves every group, so no group keeps a DN that points nowhere. */
export async function leaveAllGroups(
  c: Client,
  config: TLdapConfig,
  dn: string,
  username: string,
  types: GroupTypeCache,
) {
  const held: [string, string][] = [
    ...(await groupsHolding(c, config, 'member', dn)).map((g): [string, string] => [g, dn]),
    ...(await groupsHolding(c, config, 'uniqueMember', dn)).map((g): [string, string] => [g, dn]),
    ...(await groupsHolding(c, config, 'memberUid', username)).map((g): [string, string] => [g, username]),
  ];
  for (const [group, value] of held) await removeMember(c, config, group, await types.get(c, group), value);
}

async function replaceValue(c: Client, group: string, attribute: string, from: string, to: string) {
  try {
    await c.modify(group, [change('delete', attribute, [from]), change('add', attribute, [to])]);
  } catch (error) {
    if (!(error instanceof TypeOrValueExistsError)) throw error;
    await c.modify(group, change('delete', attribute, [from])).catch(ignoring(NoSuchAttributeError));
  }
}
