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
  return (await groupsHoldingAny(c, config, [[attribute, value]])).map((g) => g.dn);
}

type THeld = [TGroupType['attribute'], string];

/**
 * Groups under the base holding any of these values, each with the ways it holds members (a group
 * can be of more than one kind): one subtree search, where one per attribute used to be sent
 * (issue 14), and no read of each group's kind afterwards.
 */
async function groupsHoldingAny(
  c: Client,
  config: TLdapConfig,
  held: THeld[],
): Promise<Array<{ dn: string; held: THeld[] }>> {
  const terms = held.map(([attribute, value]) => `(${attribute}=${escapeFilterValue(value)})`);
  const { searchEntries } = await c.search(config.baseDn, {
    scope: 'sub',
    filter: terms.length === 1 ? terms[0]! : `(|${terms.join('')})`,
    attributes: ['objectClass'],
  });
  return searchEntries.map((e) => {
    const classes = new Set([e.objectClass].flat().map((v) => String(v).toLowerCase()));
    const attributes = GROUP_TYPES.filter(([name]) => classes.has(name)).map(([, t]) => t.attribute);
    // A group of no kind known here (say groupOfMembers) is tried for every value: the search found it.
    return {
      dn: e.dn,
      held: attributes.length ? held.filter(([attribute]) => attributes.includes(attribute)) : held,
    };
  });
}

/**
 * An account's DN changed (moved to or from the disabled OU, or renamed), and with a rename its
 * name: the groups that named it by DN must name the new DN, and posixGroups (which name members
 * by username) the new name, or the account would silently lose its access. Runs on every move,
 * even one found already done, so a crash between the move and this step heals on the retry.
 */
export async function followDnChange(
  c: Client,
  config: TLdapConfig,
  dn: { from: string; to: string },
  name?: { from: string; to: string },
): Promise<void> {
  const held: THeld[] = [
    ['member', dn.from],
    ['uniqueMember', dn.from],
    ...(name && name.from !== name.to ? [['memberUid', name.from] as THeld] : []),
  ];
  const to = (attribute: string) => (attribute === 'memberUid' ? name!.to : dn.to);
  for (const group of await groupsHoldingAny(c, config, held)) {
    // A group of two kinds may hold the account in one way only: the other has nothing to replace.
    for (const [attribute, from] of group.held)
      await replaceValue(c, group.dn, attribute, from, to(attribute)).catch(ignoring(NoSuchAttributeError));
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

/** A deleted account leaves every group, so no group keeps a DN that points nowhere: one search finds them all. */
export async function leaveAllGroups(c: Client, config: TLdapConfig, dn: string, username: string) {
  const held: THeld[] = [
    ['member', dn],
    ['uniqueMember', dn],
    ['memberUid', username],
  ];
  for (const group of await groupsHoldingAny(c, config, held)) {
    for (const [attribute, value] of group.held) {
      const type = GROUP_TYPES.find(([, t]) => t.attribute === attribute)![1];
      await removeMember(c, config, group.dn, type, value);
    }
  }
}

async function replaceValue(c: Client, group: string, attribute: string, from: string, to: string) {
  try {
    await c.modify(group, [change('delete', attribute, [from]), change('add', attribute, [to])]);
  } catch (error) {
    if (!(error instanceof TypeOrValueExistsError)) throw error;
    await c.modify(group, change('delete', attribute, [from])).catch(ignoring(NoSuchAttributeError));
  }
}
