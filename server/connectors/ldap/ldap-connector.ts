import type {
  TAccountRef,
  TAccountResult,
  TAttributes,
  TCapability,
  TConnector,
  TCreateAccountInput,
  TEntitlementRef,
  TListOptions,
  TPage,
  TSetPasswordOptions,
  TTargetAccount,
  TTargetEntitlement,
  TTargetGrant,
  TTestResult,
  TWriteResult,
} from '../sdk/connector.ts';
import type { TPasswordPolicy } from '../sdk/password.ts';
import * as accounts from './ldap-accounts.ts';
import type { TLdapConfig, TLdapSecrets } from './ldap-config.ts';
import type { TLdapContext } from './ldap-context.ts';
import * as grants from './ldap-grants.ts';
import { GroupTypeCache } from './ldap-groups.ts';
import * as listing from './ldap-listing.ts';
import * as passwords from './ldap-password.ts';
import { LdapSessionPool } from './ldap-session-pool.ts';
import * as stream from './ldap-stream.ts';
import { testConnection } from './ldap-test-connection.ts';

const CAPABILITIES: TCapability[] = [
  'account.create',
  'account.update',
  'account.rename',
  'account.disable',
  'account.delete',
  'grant',
  'revoke',
  'list.accounts',
  'list.entitlements',
  'list.grants',
  'changes',
  'password.set',
  'password.forceReset',
];

/**
 * An LDAP directory (written and tested against OpenLDAP): inetOrgPerson accounts, groupOfNames,
 * groupOfUniqueNames and posixGroup entitlements. The work is in the ldap-* modules beside it.
 */
export class LdapConnector implements TConnector {
  readonly capabilities: ReadonlySet<TCapability>;
  private readonly ctx: TLdapContext;

  constructor(config: TLdapConfig, secrets: TLdapSecrets) {
    this.ctx = { config, pool: new LdapSessionPool(config, secrets), groupTypes: new GroupTypeCache() };
    // With nothing configured to mark a disabled account, disabling would only ever be a noop.
    this.capabilities = new Set(
      CAPABILITIES.filter((c) => c !== 'account.disable' || config.disable.method !== 'none'),
    );
  }

  testConnection(): Promise<TTestResult> {
    return testConnection(this.ctx);
  }
  createAccount(input: TCreateAccountInput): Promise<TAccountResult> {
    return accounts.createAccount(this.ctx, input);
  }
  updateAccount(account: TAccountRef, changes: TAttributes): Promise<TAccountResult> {
    return accounts.updateAccount(this.ctx, account, changes);
  }
  renameAccount(account: TAccountRef, newUsername: string): Promise<TAccountResult> {
    return accounts.renameAccount(this.ctx, account, newUsername);
  }
  disableAccount(account: TAccountRef): Promise<TAccountResult> {
    return accounts.disableAccount(this.ctx, account);
  }
  enableAccount(account: TAccountRef): Promise<TAccountResult> {
    return accounts.enableAccount(this.ctx, account);
  }
  deleteAccount(account: TAccountRef): Promise<TWriteResult> {
    return accounts.deleteAccount(this.ctx, account);
  }
  grant(account: TAccountRef, entitlement: TEntitlementRef): Promise<TWriteResult> {
    return grants.grant(this.ctx, account, entitlement);
  }
  revoke(account: TAccountRef, entitlement: TEntitlementRef): Promise<TWriteResult> {
    return grants.revoke(this.ctx, account, entitlement);
  }
  grantMany(entitlement: TEntitlementRef, accounts: TAccountRef[]): Promise<Array<TWriteResult | Error>> {
    return grants.grantMany(this.ctx, entitlement, accounts);
  }
  revokeMany(entitlement: TEntitlementRef, accounts: TAccountRef[]): Promise<Array<TWriteResult | Error>> {
    return grants.revokeMany(this.ctx, entitlement, accounts);
  }
  listAccounts(
    cursor: string | null,
    pageSize: number,
    options?: TListOptions,
  ): Promise<TPage<TTargetAccount>> {
    return listing.listAccounts(this.ctx, cursor, pageSize, options);
  }
  listEntitlements(
    cursor: string | null,
    pageSize: number,
    options?: Pick<TListOptions, 'changedSince'>,
  ): Promise<TPage<TTargetEntitlement>> {
    return listing.listEntitlements(this.ctx, cursor, pageSize, options);
  }
  readEntitlement(externalId: string): Promise<TTargetEntitlement | null> {
    return listing.readEntitlement(this.ctx, externalId);
  }
  listGrants(cursor: string | null, pageSize: number, options?: TListOptions): Promise<TPage<TTargetGrant>> {
    return listing.listGrants(this.ctx, cursor, pageSize, options);
  }
  streamAccounts(options: TListOptions, each: (batch: TTargetAccount[]) => Promise<void>): Promise<void> {
    return stream.streamAccounts(this.ctx, options, each);
  }
  streamGrants(options: TListOptions, each: (batch: TTargetGrant[]) => Promise<void>): Promise<void> {
    return stream.streamGrants(this.ctx, options, each);
  }
  setPassword(
    account: TAccountRef,
    newPassword: string,
    options: TSetPasswordOptions,
  ): Promise<TWriteResult> {
    return passwords.setPassword(this.ctx, account, newPassword, options);
  }
  readPasswordPolicy(account: TAccountRef): Promise<TPasswordPolicy | null> {
    return passwords.readPasswordPolicy(this.ctx, account);
  }
  forcePasswordReset(account: TAccountRef): Promise<TWriteResult> {
    return passwords.forcePasswordReset(this.ctx, account);
  }
  close(): Promise<void> {
    return this.ctx.pool.close();
  }
}
