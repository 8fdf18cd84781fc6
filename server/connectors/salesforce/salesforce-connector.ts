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
  TTargetAccount,
  TTargetEntitlement,
  TTargetGrant,
  TTestResult,
  TWriteResult,
} from '../sdk/connector.ts';
import { ConnectorError } from '../sdk/connector-error.ts';
import { createAccountsBulk, type TBulkCreateResult } from './salesforce-bulk.ts';
import type { TSalesforceConfig, TSalesforceSecrets } from './salesforce-config.ts';
import { assignmentField, parseEntitlement } from './salesforce-entitlements.ts';
import { hasCode } from './salesforce-errors.ts';
import { listAccounts, listEntitlements, listGrants } from './salesforce-listing.ts';
import { SalesforceSession } from './salesforce-session.ts';
import { assertId, sameId, soqlString } from './salesforce-soql.ts';
import { sameValue, scalarFields, userForCreate } from './salesforce-user-fields.ts';

/** No account.delete: Salesforce users cannot be deleted, only deactivated (ON_DELETE is DISABLE). */
const CAPABILITIES: ReadonlySet<TCapability> = new Set([
  'account.create',
  'account.update',
  'account.disable',
  'grant',
  'revoke',
  'list.accounts',
  'list.entitlements',
  'list.grants',
]);

type TSaveResult = { id: string; success: boolean };

/** Salesforce Users, Profiles, permission sets and permission set groups through the REST API (jsforce 3). */
export class SalesforceConnector implements TConnector {
  readonly capabilities = CAPABILITIES;
  readonly session: SalesforceSession;

  constructor(
    private readonly config: TSalesforceConfig,
    secrets: TSalesforceSecrets,
  ) {
    this.session = new SalesforceSession(config, secrets);
  }

  async testConnection(): Promise<TTestResult> {
    this.session.reset();
    const me = await this.session.whoAmI();
    const [user] = await this.session.queryUpTo<{ Username: string }>(
      'test connection',
      `SELECT Id, Username FROM User WHERE Id = ${soqlString(me.userId)}`,
      1,
    );
    const usage = this.session.governor.state.reading;
    return {
      ok: !!user,
      message: `Authenticated (${this.config.auth.flow}) as ${user?.Username ?? me.userId} in org ${me.orgId}${usage ? `; API usage ${usage}` : ''}.`,
      details: { orgId: me.orgId, userId: me.userId, apiUsage: usage || null },
    };
  }

  async createAccount(input: TCreateAccountInput): Promise<TAccountResult> {
    const created = await this.createUser(input);
    // A new user created inactive is already disabled; otherwise (freezing, or a user that existed:
    // a retry after a crash between the two steps) disable it now, as a no-op where it is so.
    if (input.enabled || (created.outcome === 'applied' && this.config.disableMeans === 'deactivate'))
      return created;
    const disabled = await this.disableAccount({ nativeId: created.nativeId, username: input.username });
    return {
      outcome: created.outcome === 'applied' || disabled.outcome === 'applied' ? 'applied' : 'noop',
      nativeId: created.nativeId,
    };
  }

  private async createUser(input: TCreateAccountInput): Promise<TAccountResult> {
    const fields = userForCreate(input, this.config);
    const username = String(fields.Username);
    const context = `create user ${username}`;
    const existing = await this.findUserId(username, context);
    if (existing) return { outcome: 'noop', nativeId: existing };
    let id: string;
    try {
      id = (
        await this.session.request<TSaveResult>(context, {
          method: 'POST',
          url: '/sobjects/User',
          body: fields,
        })
      ).id;
    } catch (error) {
      if (!hasCode(error, 'DUPLICATE_USERNAME')) throw error;
      // Either a concurrent create won (then it is ours), or another org holds the name.
      const raced = await this.findUserId(username, context);
      if (raced) return { outcome: 'noop', nativeId: raced };
      throw new ConnectorError(
        'conflict',
        `${context}: the username is taken in another Salesforce org (usernames are unique across all orgs)`,
        { cause: error },
      );
    }
    return { outcome: 'applied', nativeId: id };
  }

  async updateAccount(account: TAccountRef, changes: TAttributes): Promise<TAccountResult> {
    const wanted = scalarFields(changes);
    const names = Object.keys(wanted);
    const id = await this.userId(account, `update user ${account.username}`);
    if (names.length === 0) return { outcome: 'noop', nativeId: id };
    const context = `update user ${id}`;
    const current = await this.readUser(id, names, context);
    const diff = Object.fromEntries(
      names.filter((n) => !sameValue(current[n], wanted[n]!)).map((n) => [n, wanted[n]!]),
    );
    if (Object.keys(diff).length === 0) return { outcome: 'noop', nativeId: id };
    await this.session.request(context, { method: 'PATCH', url: `/sobjects/User/${id}`, body: diff });
    return { outcome: 'applied', nativeId: id };
  }

  disableAccount(account: TAccountRef): Promise<TAccountResult> {
    return this.setEnabled(account, false);
  }

  enableAccount(account: TAccountRef): Promise<TAccountResult> {
    return this.setEnabled(account, true);
  }

  async grant(account: TAccountRef, entitlement: TEntitlementRef): Promise<TWriteResult> {
    const target = parseEntitlement(entitlement);
    const id = await this.userId(account, `grant ${entitlement.externalId}`);
    const context = `grant ${entitlement.externalId} to ${id}`;
    if (target.type === 'Profile') return this.moveToProfile(id, target.id, context, () => true);
    try {
      await this.session.request(context, {
        method: 'POST',
        url: '/sobjects/PermissionSetAssignment',
        // A group is assigned by naming it; Salesforce fills PermissionSetId with its aggregate set.
        body: { AssigneeId: id, [assignmentField(target.type)]: target.id },
      });
      return { outcome: 'applied' };
    } catch (error) {
      if (hasCode(error, 'DUPLICATE_VALUE')) return { outcome: 'noop' };
      throw error;
    }
  }

  async revoke(account: TAccountRef, entitlement: TEntitlementRef): Promise<TWriteResult> {
    const target = parseEntitlement(entitlement);
    const id = await this.userId(account, `revoke ${entitlement.externalId}`);
    const context = `revoke ${entitlement.externalId} from ${id}`;
    if (target.type === 'Profile') {
      // A user always has exactly one profile: losing this one means returning to the default.
      if (sameId(target.id, this.config.defaultProfileId)) return { outcome: 'noop' };
      return this.moveToProfile(id, this.config.defaultProfileId, context, (current) =>
        sameId(current, target.id),
      );
    }
    const soql = `SELECT Id FROM PermissionSetAssignment WHERE AssigneeId = ${soqlString(id)} AND ${assignmentField(target.type)} = ${soqlString(target.id)}`;
    const [assignment] = await this.session.queryUpTo<{ Id: string }>(context, soql, 1);
    if (!assignment) return { outcome: 'noop' };
    try {
      await this.session.request(context, {
        method: 'DELETE',
        url: `/sobjects/PermissionSetAssignment/${assertId(assignment.Id, 'assignment')}`,
      });
      return { outcome: 'applied' };
    } catch (error) {
      if (hasCode(error, 'ENTITY_IS_DELETED', 'NOT_FOUND')) return { outcome: 'noop' };
      throw error;
    }
  }

  listAccounts(
    cursor: string | null,
    pageSize: number,
    options?: TListOptions,
  ): Promise<TPage<TTargetAccount>> {
    return listAccounts(this.session, this.config, cursor, pageSize, options);
  }

  listEntitlements(cursor: string | null, pageSize: number): Promise<TPage<TTargetEntitlement>> {
    return listEntitlements(this.session, cursor, pageSize);
  }

  listGrants(cursor: string | null, pageSize: number, options?: TListOptions): Promise<TPage<TTargetGrant>> {
    return listGrants(this.session, this.config, cursor, pageSize, options);
  }

  /** Creates many users at once: sObject Collections up to bulkThreshold, Bulk API 2.0 beyond. */
  createAccountsBulk(inputs: TCreateAccountInput[]): Promise<TBulkCreateResult[]> {
    return createAccountsBulk(this.session, this.config, inputs, (id, username) =>
      this.disableAccount({ nativeId: id, username }),
    );
  }

  /** The SDK's batch create (what the provisioning engine calls for a wave of new users). */
  async createAccounts(inputs: TCreateAccountInput[]): Promise<Array<TAccountResult | Error>> {
    return (await this.createAccountsBulk(inputs)).map((r) =>
      'error' in r ? r.error : { outcome: r.outcome, nativeId: r.nativeId },
    );
  }

  async close(): Promise<void> {
    // Plain HTTPS requests and no refresh token: there is nothing to release.
    this.session.reset();
  }

  private async setEnabled(account: TAccountRef, enabled: boolean): Promise<TAccountResult> {
    const verb = enabled ? 'enable' : 'disable';
    const id = await this.userId(account, `${verb} user ${account.username}`);
    const context = `${verb} user ${id}`;
    if (this.config.disableMeans === 'freeze') {
      const outcome = await this.setFrozen(id, !enabled, context);
      return { outcome, nativeId: id };
    }
    const current = await this.readUser(id, ['IsActive'], context);
    if (current.IsActive === enabled) return { outcome: 'noop', nativeId: id };
    await this.session.request(context, {
      method: 'PATCH',
      url: `/sobjects/User/${id}`,
      body: { IsActive: enabled },
    });
    return { outcome: 'applied', nativeId: id };
  }

  /** Freezing lives on UserLogin, one per user, not on User ("Freeze or Unfreeze User Accounts"). */
  private async setFrozen(
    userId: string,
    frozen: boolean,
    context: string,
  ): Promise<TWriteResult['outcome']> {
    const soql = `SELECT Id, IsFrozen FROM UserLogin WHERE UserId = ${soqlString(userId)}`;
    const [login] = await this.session.queryUpTo<{ Id: string; IsFrozen: boolean }>(context, soql, 1);
    if (!login) throw new ConnectorError('notFound', `${context}: no UserLogin for user ${userId}`);
    if (login.IsFrozen === frozen) return 'noop';
    await this.session.request(context, {
      method: 'PATCH',
      url: `/sobjects/UserLogin/${assertId(login.Id, 'UserLogin')}`,
      body: { IsFrozen: frozen },
    });
    return 'applied';
  }

  private async moveToProfile(
    userId: string,
    profileId: string,
    context: string,
    applies: (current: string) => boolean,
  ): Promise<TWriteResult> {
    const { ProfileId } = await this.readUser(userId, ['ProfileId'], context);
    const current = typeof ProfileId === 'string' ? ProfileId : '';
    if (!applies(current) || sameId(current, profileId)) return { outcome: 'noop' };
    await this.session.request(context, {
      method: 'PATCH',
      url: `/sobjects/User/${userId}`,
      body: { ProfileId: profileId },
    });
    return { outcome: 'applied' };
  }

  private readUser(id: string, fields: string[], context: string): Promise<Record<string, unknown>> {
    return this.session.request(context, {
      method: 'GET',
      url: `/sobjects/User/${id}?fields=${fields.join(',')}`,
    });
  }

  private async findUserId(username: string, context: string): Promise<string | null> {
    const [user] = await this.session.queryUpTo<{ Id: string }>(
      context,
      `SELECT Id FROM User WHERE Username = ${soqlString(username)}`,
      1,
    );
    return user?.Id ?? null;
  }

  /** The account's User Id: the native id Gatehouse stored, else a lookup by username. */
  private async userId(account: TAccountRef, context: string): Promise<string> {
    if (account.nativeId) return assertId(account.nativeId, 'user id');
    const id = await this.findUserId(account.username, context);
    if (!id)
      throw new ConnectorError(
        'notFound',
        `${context}: no Salesforce user with username ${account.username}`,
      );
    return id;
  }
}

export { ZSalesforceConfig, ZSalesforceSecrets } from './salesforce-config.ts';
