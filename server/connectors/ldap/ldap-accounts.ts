import {
  AlreadyExistsError,
  Attribute,
  Change,
  NoSuchAttributeError,
  NoSuchObjectError,
  type Client,
} from 'ldapts';
import type {
  TAccountRef,
  TAccountResult,
  TAttributes,
  TCreateAccountInput,
  TOutcome,
  TWriteResult,
} from '../sdk/connector.ts';
import { ConnectorError } from '../sdk/connector-error.ts';
import { disabledDn, peopleDn, type TLdapConfig } from './ldap-config.ts';
import { accountDn, type TLdapContext } from './ldap-context.ts';
import { readEntry, sameValues, toValues } from './ldap-entries.ts';
import { canonicalDn, firstRdnValue, parentDn, rdn, sameDn } from './ldap-escape.ts';
import { assertRenameFollowable, followDnChange, leaveAllGroups } from './ldap-groups.ts';

const replace = (type: string, values: string[]) =>
  new Change({ operation: 'replace', modification: new Attribute({ type, values }) });
const either = (a: TOutcome, b: TOutcome): TOutcome =>
  a === 'applied' || b === 'applied' ? 'applied' : 'noop';

function newEntry(config: TLdapConfig, input: TCreateAccountInput): Record<string, string[]> {
  const entry: Record<string, string[]> = { objectClass: config.accountObjectClasses };
  const has = (name: string) => Object.keys(entry).some((k) => k.toLowerCase() === name.toLowerCase());
  for (const [key, value] of Object.entries(input.attributes)) {
    // Object classes come from the configuration; the naming attribute from the username.
    if (['objectclass', config.usernameAttribute.toLowerCase()].includes(key.toLowerCase())) continue;
    const values = toValues(value).filter((v) => v !== '');
    if (values.length) entry[key] = values;
  }
  entry[config.usernameAttribute] = [input.username];
  if (!has('cn')) entry.cn = [input.username];
  if (!has('sn')) entry.sn = [input.username];
  if (input.password) entry.userPassword = [input.password];
  return entry;
}

export async function createAccount(ctx: TLdapContext, input: TCreateAccountInput): Promise<TAccountResult> {
  const { config } = ctx;
  const dn = accountDn(config, { nativeId: null, username: input.username });
  const created = await ctx.pool.run(`create ${dn}`, async (c): Promise<TAccountResult> => {
    // A disabled account moved out of the people OU is still this account: adding it again
    // under people would make a second one.
    const parked = disabledDn(config);
    const parkedDn = parked ? canonicalDn(rdn(config.usernameAttribute, input.username, parked)) : null;
    if (parkedDn && (await readEntry(c, parkedDn, ['1.1']))) return { outcome: 'noop', nativeId: parkedDn };
    try {
      await c.add(dn, newEntry(config, input));
      return { outcome: 'applied', nativeId: dn };
    } catch (error) {
      if (error instanceof AlreadyExistsError) return { outcome: 'noop', nativeId: dn };
      throw error;
    }
  });
  if (input.enabled) return created;
  // Also after a noop create: a retry must finish what a crash between the two steps left undone.
  const disabled = await disableAccount(ctx, { nativeId: created.nativeId, username: input.username });
  return { outcome: either(created.outcome, disabled.outcome), nativeId: disabled.nativeId };
}

export async function updateAccount(
  ctx: TLdapContext,
  account: TAccountRef,
  changes: TAttributes,
): Promise<TAccountResult> {
  const dn = accountDn(ctx.config, account);
  const names = Object.keys(changes);
  return ctx.pool.run(`update ${dn}`, async (c) => {
    const current = await readEntry(c, dn, names.length ? names : ['1.1']);
    if (!current) throw new ConnectorError('notFound', `update ${dn}: the account does not exist`);
    const mods = names
      .filter((name) => !sameValues(current.get(name), toValues(changes[name]!)))
      .map((name) => replace(name, toValues(changes[name]!)));
    if (mods.length === 0) return { outcome: 'noop', nativeId: dn };
    await c.modify(dn, mods);
    return { outcome: 'applied', nativeId: dn };
  });
}

export async function renameAccount(
  ctx: TLdapContext,
  account: TAccountRef,
  newUsername: string,
): Promise<TAccountResult> {
  const { config } = ctx;
  const dn = accountDn(config, account);
  const oldUsername = firstRdnValue(dn);
  const target = canonicalDn(rdn(config.usernameAttribute, newUsername, parentDn(dn)));
  return ctx.pool.run(`rename ${dn} to ${target}`, async (c) => {
    if (oldUsername === newUsername) return { outcome: await mustExist(c, dn, 'rename'), nativeId: dn };
    await assertRenameFollowable(c, config, oldUsername, newUsername);
    const outcome = await moveEntry(c, dn, target);
    await followDnChange(c, config, { from: dn, to: target }, { from: oldUsername, to: newUsername });
    return { outcome, nativeId: target };
  });
}

export async function disableAccount(ctx: TLdapContext, account: TAccountRef): Promise<TAccountResult> {
  const dn = accountDn(ctx.config, account);
  const d = ctx.config.disable;
  if (d.method === 'none') return { outcome: 'noop', nativeId: dn };
  if (d.method === 'moveToOu') return moveAccount(ctx, dn, `${d.ou},${ctx.config.baseDn}`);
  return ctx.pool.run(`disable ${dn}`, async (c) => {
    const current = await readEntry(c, dn, [d.attribute]);
    if (!current) throw new ConnectorError('notFound', `disable ${dn}: the account does not exist`);
    if (sameValues(current.get(d.attribute), [d.value])) return { outcome: 'noop', nativeId: dn };
    await c.modify(dn, replace(d.attribute, [d.value]));
    return { outcome: 'applied', nativeId: dn };
  });
}

export async function enableAccount(ctx: TLdapContext, account: TAccountRef): Promise<TAccountResult> {
  const dn = accountDn(ctx.config, account);
  const d = ctx.config.disable;
  if (d.method === 'none') return { outcome: 'noop', nativeId: dn };
  if (d.method === 'moveToOu') return moveAccount(ctx, dn, peopleDn(ctx.config));
  return ctx.pool.run(`enable ${dn}`, async (c) => {
    try {
      await c.modify(
        dn,
        new Change({ operation: 'delete', modification: new Attribute({ type: d.attribute, values: [] }) }),
      );
      return { outcome: 'applied', nativeId: dn };
    } catch (error) {
      if (error instanceof NoSuchAttributeError) return { outcome: 'noop', nativeId: dn };
      throw error;
    }
  });
}

export async function deleteAccount(ctx: TLdapContext, account: TAccountRef): Promise<TWriteResult> {
  const dn = accountDn(ctx.config, account);
  return ctx.pool.run(`delete ${dn}`, async (c) => {
    let outcome: TOutcome = 'applied';
    try {
      await c.del(dn);
    } catch (error) {
      if (!(error instanceof NoSuchObjectError)) throw error;
      outcome = 'noop';
    }
    // After the delete, so a refused delete leaves the account's access as it was; a retry of a
    // delete that crashed before this step finds the entry gone and still cleans up.
    await leaveAllGroups(c, ctx.config, dn, firstRdnValue(dn));
    return { outcome };
  });
}

/** Moves an account under another parent (disable and enable by OU), keeping its name. */
async function moveAccount(ctx: TLdapContext, dn: string, parent: string): Promise<TAccountResult> {
  const target = canonicalDn(rdn(ctx.config.usernameAttribute, firstRdnValue(dn), parent));
  return ctx.pool.run(`move ${dn} to ${target}`, async (c) => {
    if (sameDn(dn, target)) return { outcome: await mustExist(c, dn, 'move'), nativeId: dn };
    const outcome = await moveEntry(c, dn, target);
    await followDnChange(c, ctx.config, { from: dn, to: target });
    return { outcome, nativeId: target };
  });
}

/** modifyDN, idempotently: an entry already at the target was moved by an earlier attempt. */
async function moveEntry(c: Client, dn: string, target: string): Promise<TOutcome> {
  try {
    await c.modifyDN(dn, target);
    return 'applied';
  } catch (error) {
    if (!(error instanceof NoSuchObjectError)) throw error;
    if (await readEntry(c, target, ['1.1'])) return 'noop';
    const message = `move ${dn} to ${target}: the account or the target OU does not exist`;
    throw new ConnectorError('notFound', message, { cause: error });
  }
}

async function mustExist(c: Client, dn: string, what: string): Promise<'noop'> {
  if (!(await readEntry(c, dn, ['1.1']))) {
    throw new ConnectorError('notFound', `${what} ${dn}: the account does not exist`);
  }
  return 'noop';
}
