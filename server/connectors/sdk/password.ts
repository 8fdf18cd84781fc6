import { ConnectorError } from './connector-error.ts';

/**
 * A target's password rules as the target itself holds them (an LDAP ppolicy entry), for the form
 * that sets one: Gatehouse shows them; the target enforces them. Null where the target sets no such
 * rule. `minLength` is only given when the target actually checks it (ppolicy checks length only
 * with pwdCheckQuality).
 */
export type TPasswordPolicy = {
  /** Where the rules were read (the policy entry's DN), for an administrator. */
  source: string;
  minLength: number | null;
  maxLength: number | null;
  /** How many earlier passwords may not be used again. */
  history: number | null;
  /** Seconds that must pass between two changes. */
  minAgeSeconds: number | null;
  /** Seconds after which a password expires. */
  maxAgeSeconds: number | null;
  /** Whether the holder may change their own password at all. */
  allowsUserChange: boolean;
  /** Whether a password set by an administrator (or a forced reset) must be changed at the next sign-in. */
  mustChangeAfterReset: boolean;
};

/**
 * Why a target refused a password change: the current password was wrong (or the account is locked
 * out, which a directory does not tell apart), or the new one breaks a rule of the target's policy.
 * The message names the rule in words a person can act on; it never holds a password.
 */
export type TPasswordRefusal = 'currentPassword' | 'policy';

export class PasswordRefusedError extends ConnectorError {
  readonly refusal: TPasswordRefusal;

  constructor(refusal: TPasswordRefusal, message: string) {
    super(refusal === 'currentPassword' ? 'permissionDenied' : 'invalidAttribute', message);
    this.name = 'PasswordRefusedError';
    this.refusal = refusal;
  }
}

export const isPasswordRefused = (error: unknown): error is PasswordRefusedError =>
  error instanceof PasswordRefusedError;
