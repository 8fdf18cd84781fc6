import type { EntitlementKind } from '@/prisma/generated/enums.ts';
import type { TPasswordPolicy } from './password.ts';

/**
 * The contract every target implements (after ConductorOne's baton-sdk and Evolveum's ConnId):
 * accounts, entitlements and grants, with small optional capabilities. Every write is idempotent by
 * contract: doing what is already done answers `noop`, never an error.
 */
export type TOutcome = 'applied' | 'noop';

export type TAttributeValue = string | string[] | null;
export type TAttributes = Record<string, TAttributeValue>;

/** An account as Gatehouse knows it; `nativeId` is null until the target has assigned one. */
export type TAccountRef = { nativeId: string | null; username: string };
export type TEntitlementRef = { externalId: string; kind: EntitlementKind };

/**
 * The longest values a target accepts, declared by its connector: the account's name, and attributes
 * by name. Gatehouse refuses a longer value before it reaches the target (a create refused for that
 * one person), rather than letting the target refuse it, or cut it, mid-batch.
 */
export type TTargetLimits = { username: number; attributes?: Readonly<Record<string, number>> };

export type TCreateAccountInput = {
  username: string;
  attributes: TAttributes;
  enabled: boolean;
  password?: string;
};
export type TAccountResult = { outcome: TOutcome; nativeId: string };
export type TWriteResult = { outcome: TOutcome };

/**
 * An account as the target holds it (reconciliation reads these back, docs/decisions/055). `stableId`
 * is the identifier the target never changes (LDAP entryUUID, Salesforce Id, SCIM id); `nativeId` is
 * what writes address it by today (an LDAP DN changes on a rename or a move to a disabled OU).
 */
export type TTargetAccount = {
  stableId: string;
  nativeId: string;
  username: string;
  enabled: boolean;
  attributes: TAttributes;
  /** When the target last changed it (ISO 8601), when the target says. */
  modifiedAt: string | null;
  /**
   * When the person last signed in to the target (ISO 8601): LDAP authTimestamp (lastbind overlay),
   * Salesforce LastLoginDate. Null: never, as far as the target knows. Absent: the target does not tell.
   */
  lastUsedAt?: string | null;
};
export type TTargetEntitlement = {
  externalId: string;
  name: string;
  description: string;
  kind: EntitlementKind;
  /** When the target last changed it (a group's modifyTimestamp moves with its members), when the target says. */
  modifiedAt?: string | null;
};
export type TTargetGrant = { accountNativeId: string; entitlementExternalId: string };

/**
 * Opaque cursors: a connector encodes whatever its target needs to resume. `complete` is set by a
 * listing asked for changes only (`changedSince`) that had to read everything instead (a SCIM
 * server that cannot filter on meta.lastModified): the caller then holds a full read.
 */
export type TPage<T> = { items: T[]; nextCursor: string | null; complete?: boolean };

/**
 * What a listing is narrowed to (reconciliation, docs/decisions/055). `changedSince`: only what the
 * target changed at or after that instant (Salesforce SystemModstamp, SCIM meta.lastModified, LDAP
 * modifyTimestamp; grants: every member of each changed group or permission set). `accounts`: only
 * these accounts (their nativeId or stableId), and for grants only their memberships (a person's
 * resync). `attributes`: the account attributes the caller keeps (it drops the rest), so a connector
 * may leave the others unread (LDAP asks slapd for these instead of `*`); the fields of
 * TTargetAccount are read whatever it says. A connector that cannot narrow ignores an option and
 * lists everything, which is never wrong; one that had to read everything for a changes-only listing
 * says so with `complete`.
 */
export type TListOptions = {
  changedSince?: Date;
  accounts?: readonly string[];
  attributes?: readonly string[];
};

export type TTestResult = { ok: boolean; message: string; details?: Record<string, unknown> };

export type TCapability =
  | 'account.create'
  | 'account.update'
  | 'account.rename'
  | 'account.disable'
  | 'account.delete'
  | 'grant'
  | 'revoke'
  | 'list.accounts'
  | 'list.entitlements'
  | 'list.grants'
  /** Listings honour TListOptions.changedSince and .accounts (incremental and per-person reads). */
  | 'changes'
  /** setPassword and readPasswordPolicy: a holder sets a new password, the target enforcing its own policy. */
  | 'password.set'
  /** forcePasswordReset: the holder must choose a new password at their next sign-in. */
  | 'password.forceReset';

/**
 * How a password is set (docs/decisions/068). With `currentPassword` the change is the holder's own:
 * the connector signs in as the account and changes it there, so the target applies its whole policy
 * (length, history, minimum age), which it waives for an administrator. Without it, the service
 * account sets it (an administrator's reset). `mustChange`: the holder must change it again at their
 * next sign-in. Passwords are never stored, logged or put in an error message.
 */
export type TSetPasswordOptions = { currentPassword?: string; mustChange?: boolean };

export interface TConnector {
  readonly capabilities: ReadonlySet<TCapability>;
  testConnection(): Promise<TTestResult>;
  createAccount?(input: TCreateAccountInput): Promise<TAccountResult>;
  updateAccount?(account: TAccountRef, changes: TAttributes): Promise<TAccountResult>;
  renameAccount?(account: TAccountRef, newUsername: string): Promise<TAccountResult>;
  disableAccount?(account: TAccountRef): Promise<TAccountResult>;
  enableAccount?(account: TAccountRef): Promise<TAccountResult>;
  deleteAccount?(account: TAccountRef): Promise<TWriteResult>;
  grant?(account: TAccountRef, entitlement: TEntitlementRef): Promise<TWriteResult>;
  revoke?(account: TAccountRef, entitlement: TEntitlementRef): Promise<TWriteResult>;
  /**
   * Optional batch forms for targets that can grant or revoke one entitlement for many accounts in
   * one call (an LDAP group modify with many values). One result per account, in input order: an
   * outcome, or the classified error for that account alone.
   */
  grantMany?(entitlement: TEntitlementRef, accounts: TAccountRef[]): Promise<Array<TWriteResult | Error>>;
  revokeMany?(entitlement: TEntitlementRef, accounts: TAccountRef[]): Promise<Array<TWriteResult | Error>>;
  /**
   * Optional batch create for targets with a bulk API (Salesforce: sObject Collections, Bulk API
   * 2.0 for large loads). One result per input, in input order, as createAccount would give it.
   */
  createAccounts?(inputs: TCreateAccountInput[]): Promise<Array<TAccountResult | Error>>;
  listAccounts?(
    cursor: string | null,
    pageSize: number,
    options?: TListOptions,
  ): Promise<TPage<TTargetAccount>>;
  listEntitlements?(
    cursor: string | null,
    pageSize: number,
    options?: Pick<TListOptions, 'changedSince'>,
  ): Promise<TPage<TTargetEntitlement>>;
  /**
   * Optional: the one entitlement with this id, as listEntitlements would list it, or null when the
   * target has none (the catalog checks a target ID typed in before it offers it).
   */
  readEntitlement?(externalId: string): Promise<TTargetEntitlement | null>;
  listGrants?(cursor: string | null, pageSize: number, options?: TListOptions): Promise<TPage<TTargetGrant>>;
  /**
   * Optional whole reads for reconciliation, where the target can stream a listing over one
   * connection held for its length (an LDAP paged search): every account, or membership, the options
   * select, handed over in batches; the connector reads on once `each` has settled, so a caller that
   * wants the next batch read while it writes the last starts the write and waits for the one before.
   * No cursor: a read that fails is read again from the start,
   * so a batch may be handed over twice. An entry moved during the read may be missed; the caller
   * re-reads what it expected and did not see (listAccounts by stable id) before calling it gone.
   */
  streamAccounts?(options: TListOptions, each: (batch: TTargetAccount[]) => Promise<void>): Promise<void>;
  streamGrants?(options: TListOptions, each: (batch: TTargetGrant[]) => Promise<void>): Promise<void>;
  /**
   * 'password.set'. A refusal by the target's policy or a wrong current password is a
   * PasswordRefusedError (sdk/password.ts) whose message names the rule.
   */
  setPassword?(
    account: TAccountRef,
    newPassword: string,
    options: TSetPasswordOptions,
  ): Promise<TWriteResult>;
  /** 'password.set': the rules that apply to this account's password, or null when the target names none. */
  readPasswordPolicy?(account: TAccountRef): Promise<TPasswordPolicy | null>;
  /** 'password.forceReset': `unsupported` when the target's policy would not ask for a new password. */
  forcePasswordReset?(account: TAccountRef): Promise<TWriteResult>;
  /** Releases connections. Safe to call twice. */
  close(): Promise<void>;
}
