import type { TAccountRef, TEntitlementRef, TWriteResult } from '../sdk/connector.ts';
import { ConnectorError } from '../sdk/connector-error.ts';
import { accountDn, directoryUsername, type TLdapContext } from './ldap-context.ts';
import { readEntry } from './ldap-entries.ts';
import { addMember, removeMember } from './ldap-groups.ts';

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
