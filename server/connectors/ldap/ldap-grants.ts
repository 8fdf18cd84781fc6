import { NoSuchAttributeError, ObjectClassViolationError, TypeOrValueExistsError } from 'ldapts';
import type { TAccountRef, TEntitlementRef, TWriteResult } from '../sdk/connector.ts';
import { ConnectorError } from '../sdk/connector-error.ts';
import { accountDn, directoryUsername, type TLdapContext } from './ldap-context.ts';
import { readEntry } from './ldap-entries.ts';
import { addMember, change, removeMember, removeStandIn } from './ldap-groups.ts';

export async function grant(
  ctx: TLdapContext,
  account: TAccountRef,
  entitlement: TEntitlementRef,
): Promise<TWriteResult> {
  const group = entitlement.externalId;
  const dn = accountDn(ctx.config, account);
  return ctx.pool.run(`add ${dn} to ${group}`, async (c) => {
    const type = await ctx.groupTypes.get(c, group);
    // The directory would accept a DN that points nowhere (a stale nativeId after a move); a
    // membership that grants nothing must not be reported as applied.
    if (!(await readEntry(c, dn, ['1.1'])))
      throw new ConnectorError('notFound', `add ${dn} to ${group}: the account does not exist`);
    const value = type.byUsername ? directoryUsername(account) : dn;
    return { outcome: await addMember(c, ctx.config, group, type, value) };
  });
}

export async function revoke(
  ctx: TLdapContext,
  account: TAccountRef,
  entitlement: TEntitlementRef,
): Promise<TWriteResult> {
  const group = entitlement.externalId;
  const dn = accountDn(ctx.config, account);
  return ctx.pool.run(`remove ${dn} from ${group}`, async (c) => {
    let type;
    try {
      type = await ctx.groupTypes.get(c, group);
    } catch (error) {
      // A group that no longer exists holds nobody.
      if (error instanceof ConnectorError && error.kind === 'notFound') return { outcome: 'noop' };
      throw error;
    }
    const value = type.byUsername ? directoryUsername(account) : dn;
    return { outcome: await removeMember(c, ctx.config, group, type, value) };
  });
}

/**
 * One group, many accounts: a single modify carries every value (the common case of a batch of
 * fresh grants). If the directory refuses it because some value is already there, each account is
 * granted on its own, so a batch has exactly the outcome of its parts.
 */
export async function grantMany(ctx: TLdapContext, entitlement: TEntitlementRef, accounts: TAccountRef[]): Promise<Array<TWriteResult | Error>> {
  const group = entitlement.externalId;
  return ctx.pool.run(`add ${accounts.length} accounts to ${group}`, async (c) => {
    const type = await ctx.groupTypes.get(c, group);
    const dns = accounts.map((a) => accountDn(ctx.config, a));
    const exists = await Promise.all(dns.map((dn) => readEntry(c, dn, ['1.1']).then((e) => e !== null)));
    const results: Array<TWriteResult | Error> = dns.map((dn, i) =>
      exists[i] ? { outcome: 'applied' } : new ConnectorError('notFound', `add ${dn} to ${group}: the account does not exist`),
    );
    const present = accounts.map((a, i) => ({ i, value: type.byUsername ? directoryUsername(a) : dns[i]! })).filter((x) => exists[x.i]);
    if (present.length === 0) return results;
    try {
      await c.modify(group, change('add', type.attribute, present.map((p) => p.value)));
      if (type.needsMember) await removeStandIn(c, ctx.config, group, type);
    } catch (error) {
      if (!(error instanceof TypeOrValueExistsError)) throw error;
      for (const p of present) results[p.i] = { outcome: await addMember(c, ctx.config, group, type, p.value) };
    }
    return results;
  });
}

/** The mirror of grantMany; falls back to one account at a time when the batch cannot go as one. */
export async function revokeMany(ctx: TLdapContext, entitlement: TEntitlementRef, accounts: TAccountRef[]): Promise<Array<TWriteResult | Error>> {
  const group = entitlement.externalId;
  return ctx.pool.run(`remove ${accounts.length} accounts from ${group}`, async (c) => {
    let type;
    try {
      type = await ctx.groupTypes.get(c, group);
    } catch (error) {
      if (error instanceof ConnectorError && error.kind === 'notFound') return accounts.map(() => ({ outcome: 'noop' as const }));
      throw error;
    }
    const values = accounts.map((a) => (type.byUsername ? directoryUsername(a) : accountDn(ctx.config, a)));
    try {
      await c.modify(group, change('delete', type.attribute, values));
      return values.map(() => ({ outcome: 'applied' as const }));
    } catch (error) {
      if (!(error instanceof NoSuchAttributeError || error instanceof ObjectClassViolationError)) throw error;
      const results: TWriteResult[] = [];
      for (const value of values) results.push({ outcome: await removeMember(c, ctx.config, group, type, value) });
      return results;
    }
  });
}
