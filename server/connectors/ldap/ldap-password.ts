import {
  Attribute,
  BerWriter,
  Change,
  ConstraintViolationError,
  InsufficientAccessError,
  InvalidCredentialsError,
  UnwillingToPerformError,
  type Client,
} from 'ldapts';
import { durationWords } from '@/server/shared/password-policy-words.ts';
import type { TAccountRef, TSetPasswordOptions, TWriteResult } from '../sdk/connector.ts';
import { ConnectorError } from '../sdk/connector-error.ts';
import { PasswordRefusedError, type TPasswordPolicy } from '../sdk/password.ts';
import { accountDn, type TLdapContext } from './ldap-context.ts';
import { readEntry, type TEntry } from './ldap-entries.ts';
import { toConnectorError } from './ldap-errors.ts';

/** RFC 3062, the LDAP Password Modify extended operation: the directory hashes the password and applies its policy. */
const PASSWORD_MODIFY = '1.3.6.1.4.1.4203.1.11.1';
const POLICY_ATTRIBUTES = [
  'pwdMinLength',
  'pwdMaxLength',
  'pwdInHistory',
  'pwdMinAge',
  'pwdMaxAge',
  'pwdCheckQuality',
  'pwdMustChange',
  'pwdAllowUserChange',
];
const NOT_ACCEPTED = 'The directory did not accept your current password.';

/** PasswdModifyRequestValue ::= SEQUENCE { userIdentity [0], oldPasswd [1] OPTIONAL, newPasswd [2] } */
function passwordModifyRequest(dn: string, oldPassword: string | null, newPassword: string): Buffer {
  const w = new BerWriter();
  w.startSequence();
  w.writeString(dn, 0x80);
  if (oldPassword !== null) w.writeString(oldPassword, 0x81);
  w.writeString(newPassword, 0x82);
  w.endSequence();
  return w.buffer;
}

/**
 * Sets the account's password (docs/decisions/068). The holder's own change binds as the account on
 * a connection of its own and sends the Password Modify operation there, with the current password:
 * ppolicy checks length, history and minimum age only for such a change (it waives them for a
 * password administrator such as the service account), and clears a pending forced reset. Without a
 * current password the service account sets it.
 */
export async function setPassword(
  ctx: TLdapContext,
  account: TAccountRef,
  newPassword: string,
  options: TSetPasswordOptions,
): Promise<TWriteResult> {
  const dn = accountDn(ctx.config, account);
  const current = options.currentPassword;
  if (current !== undefined) {
    try {
      await ctx.pool.asUser(dn, current, (c) =>
        c.exop(PASSWORD_MODIFY, passwordModifyRequest(dn, current, newPassword)),
      );
    } catch (error) {
      throw await explainRefusal(ctx, dn, newPassword, error);
    }
  } else {
    await ctx.pool.run(`set the password of ${dn}`, async (c) => {
      await c.exop(PASSWORD_MODIFY, passwordModifyRequest(dn, null, newPassword));
    });
  }
  if (options.mustChange) await markReset(ctx, dn);
  return { outcome: 'applied' };
}

/**
 * pwdReset: TRUE, so that the next sign-in may only change the password. ppolicy honours it only
 * under a policy with pwdMustChange: elsewhere it would be a flag nobody reads, so that is refused
 * as unsupported rather than reported done.
 */
export async function forcePasswordReset(ctx: TLdapContext, account: TAccountRef): Promise<TWriteResult> {
  const dn = accountDn(ctx.config, account);
  return ctx.pool.run(`force a password reset of ${dn}`, async (c) => {
    const policy = await policyOf(c, ctx, dn);
    if (!policy?.mustChangeAfterReset) {
      const where = policy ? `the password policy ${policy.source}` : 'no password policy';
      throw new ConnectorError(
        'unsupported',
        `The directory would not ask for a new password at sign-in: ${where} applies to this account, without pwdMustChange: TRUE`,
      );
    }
    const entry = await readEntry(c, dn, ['pwdReset']);
    if (entry?.get('pwdReset')[0]?.toUpperCase() === 'TRUE') return { outcome: 'noop' };
    await c.modify(
      dn,
      new Change({
        operation: 'replace',
        modification: new Attribute({ type: 'pwdReset', values: ['TRUE'] }),
      }),
    );
    return { outcome: 'applied' };
  });
}

export function readPasswordPolicy(ctx: TLdapContext, account: TAccountRef): Promise<TPasswordPolicy | null> {
  const dn = accountDn(ctx.config, account);
  return ctx.pool.run(`read the password policy of ${dn}`, (c) => policyOf(c, ctx, dn));
}

async function markReset(ctx: TLdapContext, dn: string) {
  await ctx.pool.run(`require a new password of ${dn}`, (c) =>
    c.modify(
      dn,
      new Change({
        operation: 'replace',
        modification: new Attribute({ type: 'pwdReset', values: ['TRUE'] }),
      }),
    ),
  );
}

/**
 * The policy that applies: the account's pwdPolicySubentry (set on the entry, or computed by a
 * ppolicy that returns it), else the configured default (slapd's ppolicy_default), else none.
 */
async function policyOf(c: Client, ctx: TLdapContext, dn: string): Promise<TPasswordPolicy | null> {
  const entry = await readEntry(c, dn, ['pwdPolicySubentry']);
  if (!entry) throw new ConnectorError('notFound', `${dn}: the account does not exist`);
  const policyDn = entry.get('pwdPolicySubentry')[0] ?? ctx.config.passwordPolicyDn ?? null;
  if (!policyDn) return null;
  const policy = await readEntry(c, policyDn, POLICY_ATTRIBUTES);
  return policy ? toPolicy(policyDn, policy) : null;
}

function toPolicy(source: string, e: TEntry): TPasswordPolicy {
  const int = (name: string) => {
    const n = Number.parseInt(e.get(name)[0] ?? '', 10);
    return Number.isFinite(n) && n > 0 ? n : null;
  };
  const bool = (name: string, otherwise: boolean) => {
    const v = e.get(name)[0]?.toUpperCase();
    return v === undefined ? otherwise : v === 'TRUE';
  };
  // ppolicy checks length only when it checks quality at all.
  const checksQuality = (int('pwdCheckQuality') ?? 0) > 0;
  return {
    source,
    minLength: checksQuality ? int('pwdMinLength') : null,
    maxLength: checksQuality ? int('pwdMaxLength') : null,
    history: int('pwdInHistory'),
    minAgeSeconds: int('pwdMinAge'),
    maxAgeSeconds: int('pwdMaxAge'),
    allowsUserChange: bool('pwdAllowUserChange', true),
    mustChangeAfterReset: bool('pwdMustChange', false),
  };
}

/**
 * What the directory's refusal means for the person, naming the rule. slapd says "fails quality
 * checking policy" for a short and a long password alike (the detail is only in a response control),
 * so length is told from the policy it read. Anything that is not a refusal stays a classified
 * connector error (the directory down, settings wrong).
 */
async function explainRefusal(
  ctx: TLdapContext,
  dn: string,
  newPassword: string,
  error: unknown,
): Promise<ConnectorError> {
  const text = ((error as Error)?.message ?? '').replace(/\s*Code: 0x[0-9a-f]+$/i, '').trim();
  if (error instanceof InvalidCredentialsError)
    return new PasswordRefusedError('currentPassword', NOT_ACCEPTED);
  if (
    (error instanceof UnwillingToPerformError || error instanceof InsufficientAccessError) &&
    /old password/i.test(text)
  ) {
    return new PasswordRefusedError('currentPassword', NOT_ACCEPTED);
  }
  if (error instanceof InsufficientAccessError) {
    return new PasswordRefusedError(
      'policy',
      /alteration of password is not allowed/i.test(text)
        ? 'The directory’s password policy does not let people change their own password.'
        : 'The directory does not let you change this password yourself (its access rules).',
    );
  }
  if (!(error instanceof ConstraintViolationError))
    return toConnectorError(error, `change the password of ${dn}`);
  const policy = await readPasswordPolicy(ctx, { nativeId: dn, username: '' }).catch(() => null);
  if (/history/i.test(text)) {
    return new PasswordRefusedError(
      'policy',
      policy?.history
        ? `It is one of your last ${policy.history} passwords: the directory’s password policy does not allow using them again.`
        : 'You used it before: the directory’s password policy does not allow using it again.',
    );
  }
  if (/not being changed|existing value/i.test(text))
    return new PasswordRefusedError('policy', 'It is your current password: choose a new one.');
  if (/too young/i.test(text)) {
    return new PasswordRefusedError(
      'policy',
      policy?.minAgeSeconds
        ? `It was changed too recently: the directory’s password policy allows one change every ${durationWords(policy.minAgeSeconds)}.`
        : 'It was changed too recently: the directory’s password policy does not allow another change yet.',
    );
  }
  if (/quality/i.test(text)) {
    // ppolicy counts bytes.
    const length = Buffer.byteLength(newPassword, 'utf8');
    if (policy?.minLength && length < policy.minLength) {
      return new PasswordRefusedError(
        'policy',
        `It is too short: the directory’s password policy asks for at least ${policy.minLength} characters.`,
      );
    }
    if (policy?.maxLength && length > policy.maxLength) {
      return new PasswordRefusedError(
        'policy',
        `It is too long: the directory’s password policy allows at most ${policy.maxLength} characters.`,
      );
    }
    return new PasswordRefusedError('policy', 'The directory’s password policy refused it as too weak.');
  }
  return new PasswordRefusedError(
    'policy',
    `The directory’s password policy refused it${text ? `: ${text}` : '.'}`,
  );
}
