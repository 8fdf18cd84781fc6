import { BusyError, InsufficientAccessError, UnavailableError } from 'ldapts';
import type { TAccountRef, TEntitlementRef, TWriteResult } from '../sdk/connector.ts';
import { ConnectorError } from '../sdk/connector-error.ts';
import { accountDn, directoryUsername, type TLdapContext } from './ldap-context.ts';
import { readEntry } from './ldap-entries.ts';
import { toConnectorError } from './ldap-errors.ts';
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
 * fresh grants). If the directory refuses it (a value already there, or one account it cannot take),
 * each account is granted on its own, so a batch has exactly the outcome of its parts: one account's
 * fault fails that account alone, with its own DN in the message.
 */
export async function grantMany(
  ctx: TLdapContext,
  entitlement: TEntitlementRef,
  accounts: TAccountRef[],
): Promise<Array<TWriteResult | Error>> {
  const group = entitlement.externalId;
  return ctx.pool.run(`add ${accounts.length} accounts to ${group}`, async (c) => {
    const type = await ctx.groupTypes.get(c, group);
    const present: Array<{ i: number; dn: string; value: string }> = [];
    const results = await Promise.all(
      accounts.map((account, i) => {
        const context = `add ${nameOf(account.nativeId ?? account.username)} to ${group}`;
        return settleOne(context, async () => {
          const dn = accountDn(ctx.config, account);
          // The directory would accept a DN that points nowhere; a membership that grants nothing
          // must not be reported as applied.
          if (!(await readEntry(c, dn, ['1.1'])))
            throw new ConnectorError('notFound', `${context}: the account does not exist`);
          present.push({ i, dn, value: type.byUsername ? directoryUsername(account) : dn });
          return { outcome: 'applied' as const };
        });
      }),
    );
    if (present.length === 0) return results;
    try {
      await c.modify(
        group,
        change(
          'add',
          type.attribute,
          present.map((p) => p.value),
        ),
      );
      if (type.needsMember) await removeStandIn(c, ctx.config, group, type);
    } catch (error) {
      if (isAboutTheConnection(error)) throw error;
      for (const p of present) {
        results[p.i] = await settleOne(`add ${nameOf(p.dn)} to ${group}`, async () => ({
          outcome: await addMember(c, ctx.config, group, type, p.value),
        }));
      }
    }
    return results;
  });
}

/** The mirror of grantMany; falls back to one account at a time when the batch cannot go as one. */
export async function revokeMany(
  ctx: TLdapContext,
  entitlement: TEntitlementRef,
  accounts: TAccountRef[],
): Promise<Array<TWriteResult | Error>> {
  const group = entitlement.externalId;
  return ctx.pool.run(`remove ${accounts.length} accounts from ${group}`, async (c) => {
    let type;
    try {
      type = await ctx.groupTypes.get(c, group);
    } catch (error) {
      if (error instanceof ConnectorError && error.kind === 'notFound')
        return accounts.map(() => ({ outcome: 'noop' as const }));
      throw error;
    }
    const values: Array<{ i: number; value: string }> = [];
    const results = await Promise.all(
      accounts.map((account, i) =>
        settleOne(`remove ${nameOf(account.nativeId ?? account.username)} from ${group}`, () => {
          values.push({
            i,
            value: type.byUsername ? directoryUsername(account) : accountDn(ctx.config, account),
          });
          return Promise.resolve({ outcome: 'applied' as const });
        }),
      ),
    );
    if (values.length === 0) return results;
    try {
      await c.modify(
        group,
        change(
          'delete',
          type.attribute,
          values.map((v) => v.value),
        ),
      );
    } catch (error) {
      if (isAboutTheConnection(error)) throw error;
      for (const v of values) {
        results[v.i] = await settleOne(`remove ${nameOf(v.value)} from ${group}`, async () => ({
          outcome: await removeMember(c, ctx.config, group, type, v.value),
        }));
      }
    }
    return results;
  });
}

/**
 * One account's part of a batch: its result, or its error classified and named after it. An error
 * about the connection (or the bind) is no account's fault: it fails the call, so the pool can rebind
 * and the job retry. Anything else (the directory refusing this value, a DN that does not parse) is.
 */
async function settleOne(context: string, fn: () => Promise<TWriteResult>): Promise<TWriteResult | Error> {
  try {
    return await fn();
  } catch (error) {
    if (isAboutTheConnection(error)) throw error;
    const e = toConnectorError(error, context);
    return e.isRetryable ? new ConnectorError('invalidAttribute', e.message, { cause: error }) : e;
  }
}

function isAboutTheConnection(error: unknown): boolean {
  if (
    error instanceof InsufficientAccessError ||
    error instanceof BusyError ||
    error instanceof UnavailableError
  )
    return true;
  const { kind } = toConnectorError(error, '');
  return kind === 'connectionFailed' || kind === 'timeout';
}

/** Enough of a name to find it by in a message: an over-long one is cut (it may be 20,000 characters). */
function nameOf(name: string): string {
  return name.length > 120 ? `${name.slice(0, 120)}… (${name.length} characters)` : name;
}
