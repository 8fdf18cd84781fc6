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
import { createScimAuth } from './scim-auth.ts';
import type { TScimConfig, TScimSecrets } from './scim-config.ts';
import { eqFilter } from './scim-filter.ts';
import { ScimGroups } from './scim-groups.ts';
import { ScimHttp } from './scim-http.ts';
import { listScimPage, readListResponse } from './scim-paging.ts';
import { asText, field, flattenUser, withSchemas, writeFlat, USER_SCHEMA } from './scim-user-mapping.ts';
import { planUserUpdate, type TUserChange } from './scim-user-patch.ts';

export { ZScimConfig, ZScimSecrets } from './scim-config.ts';

const userPath = (id: string) => `/Users/${encodeURIComponent(id)}`;

/** A SCIM 2.0 client for any RFC 7643/7644 service provider: Users are accounts, Groups entitlements. */
export class ScimConnector implements TConnector {
  readonly capabilities: ReadonlySet<TCapability>;
  private readonly http: ScimHttp;
  private readonly groups: ScimGroups;

  constructor(
    private readonly config: TScimConfig,
    secrets: TScimSecrets,
  ) {
    this.http = new ScimHttp(config, createScimAuth(config, secrets));
    this.groups = new ScimGroups(this.http, config);
    const caps: TCapability[] = [
      'account.create',
      'account.update',
      'account.rename',
      'account.delete',
      'list.accounts',
    ];
    if (config.disable === 'active') caps.push('account.disable');
    if (config.groupsAsEntitlements) caps.push('grant', 'revoke', 'list.entitlements', 'list.grants');
    this.capabilities = new Set(caps);
  }

  async testConnection(): Promise<TTestResult> {
    const spc = await this.http.serviceProviderConfig();
    // The RFC lets /ServiceProviderConfig be anonymous; reading /Users proves the credentials.
    const users = await this.http.request(
      { method: 'GET', path: '/Users', query: { startIndex: 1, count: 1 } },
      'test connection',
    );
    const features = {
      patch: spc.patch?.supported === true,
      filter: spc.filter?.supported === true,
      etag: spc.etag?.supported === true,
    };
    const yesNo = (b: boolean) => (b ? 'yes' : 'no');
    return {
      ok: true,
      message: `Reached ${this.config.baseUrl}: ${asText(users.body?.totalResults) ?? '?'} users; PATCH ${yesNo(features.patch)}, filter ${yesNo(features.filter)}, ETags ${yesNo(features.etag)}.`,
      details: {
        ...features,
        authenticationSchemes: (spc.authenticationSchemes ?? []).map((s) => s.type ?? s.name),
      },
    };
  }

  async createAccount(input: TCreateAccountInput): Promise<TAccountResult> {
    const attributes = this.writableAttributes(input.attributes);
    const resource: Record<string, unknown> = {
      [this.config.userIdentity]: input.username,
      active: input.enabled,
    };
    for (const [key, value] of Object.entries(attributes)) writeFlat(resource, key, value);
    resource.userName ??= input.username;
    if (input.password) resource.password = input.password;
    const context = `create user ${input.username}`;
    const created = await this.http.request(
      { method: 'POST', path: '/Users', body: withSchemas(resource) },
      context,
      [409],
    );
    if (created.status !== 409) return { outcome: 'applied', nativeId: this.idOf(created.body, context) };
    // §3.3: 409 is uniqueness. The account is there already: make it what we wanted and adopt it.
    const existing = await this.findUser(input.username);
    if (!existing) {
      const detail = typeof created.body?.detail === 'string' ? created.body.detail : 'HTTP 409';
      throw new ConnectorError(
        'conflict',
        `${context}: ${detail}, and no user has ${this.config.userIdentity} "${input.username}"`,
      );
    }
    const nativeId = this.idOf(existing, context);
    return this.updateUser(nativeId, { attributes, active: input.enabled }, context);
  }

  async updateAccount(account: TAccountRef, changes: TAttributes): Promise<TAccountResult> {
    const nativeId = await this.resolveId(account);
    const attributes = this.writableAttributes(changes);
    if (Object.keys(attributes).length === 0) return { outcome: 'noop', nativeId };
    return this.updateUser(nativeId, { attributes }, `update user ${account.username}`);
  }

  async renameAccount(account: TAccountRef, newUsername: string): Promise<TAccountResult> {
    const nativeId = await this.resolveId(account);
    const change: TUserChange =
      this.config.userIdentity === 'userName'
        ? { userName: newUsername }
        : { attributes: { externalId: newUsername } };
    return this.updateUser(nativeId, change, `rename user ${account.username} to ${newUsername}`);
  }

  disableAccount(account: TAccountRef): Promise<TAccountResult> {
    return this.setActive(account, false);
  }

  enableAccount(account: TAccountRef): Promise<TAccountResult> {
    return this.setActive(account, true);
  }

  async deleteAccount(account: TAccountRef): Promise<TWriteResult> {
    const nativeId = account.nativeId ?? this.idOrNull(await this.findUser(account.username));
    if (!nativeId) return { outcome: 'noop' };
    const path = userPath(nativeId);
    try {
      const { outcome } = await this.http.readModifyWrite(path, `delete user ${account.username}`, () => ({
        method: 'DELETE',
        path,
      }));
      return { outcome };
    } catch (error) {
      if (error instanceof ConnectorError && error.kind === 'notFound') return { outcome: 'noop' };
      throw error;
    }
  }

  async grant(account: TAccountRef, entitlement: TEntitlementRef): Promise<TWriteResult> {
    this.requireGroups();
    return { outcome: await this.groups.grant(await this.resolveId(account), entitlement.externalId) };
  }

  async revoke(account: TAccountRef, entitlement: TEntitlementRef): Promise<TWriteResult> {
    this.requireGroups();
    const nativeId = account.nativeId ?? this.idOrNull(await this.findUser(account.username));
    if (!nativeId) return { outcome: 'noop' };
    return { outcome: await this.groups.revoke(nativeId, entitlement.externalId) };
  }

  async listAccounts(
    cursor: string | null,
    pageSize: number,
    options?: TListOptions,
  ): Promise<TPage<TTargetAccount>> {
    const count = Math.min(pageSize, this.config.pageSize);
    const page = await listScimPage(this.http, '/Users', {}, cursor, count, options, 'list users');
    return {
      items: page.resources.map((r) => ({
        stableId: this.idOf(r, 'list users'),
        nativeId: this.idOf(r, 'list users'),
        username: asText(field(r, this.config.userIdentity)) ?? asText(field(r, 'userName')) ?? '',
        enabled: field(r, 'active') !== false,
        attributes: flattenUser(r),
        modifiedAt: asText(field(r, 'meta.lastModified')),
      })),
      nextCursor: page.nextCursor,
      ...(page.complete ? { complete: true } : {}),
    };
  }

  listEntitlements(cursor: string | null, pageSize: number): Promise<TPage<TTargetEntitlement>> {
    this.requireGroups();
    return this.groups.listEntitlements(cursor, pageSize);
  }

  listGrants(cursor: string | null, pageSize: number, options?: TListOptions): Promise<TPage<TTargetGrant>> {
    this.requireGroups();
    return this.groups.listGrants(cursor, pageSize, options);
  }

  /** fetch keeps no connection of ours open. */
  async close(): Promise<void> {}

  private async setActive(account: TAccountRef, active: boolean): Promise<TAccountResult> {
    if (this.config.disable === 'none')
      throw new ConnectorError(
        'unsupported',
        `${this.config.baseUrl} is configured without a disabled state`,
      );
    const nativeId = await this.resolveId(account);
    return this.updateUser(nativeId, { active }, `${active ? 'enable' : 'disable'} user ${account.username}`);
  }

  private async updateUser(nativeId: string, change: TUserChange, context: string): Promise<TAccountResult> {
    const path = userPath(nativeId);
    const style = this.config.patchStyle.updates;
    const { outcome } = await this.http.readModifyWrite(path, context, (current) =>
      planUserUpdate(path, current, change, style),
    );
    return { outcome, nativeId };
  }

  /** The identity attribute is the account's username, so the mapping may not overwrite it. */
  private writableAttributes(attributes: TAttributes): TAttributes {
    const { [this.config.userIdentity]: _identity, ...rest } = attributes;
    return rest;
  }

  private async findUser(username: string): Promise<Record<string, unknown> | null> {
    const context = `look up user ${username}`;
    const response = await this.http.request(
      { method: 'GET', path: '/Users', query: { filter: eqFilter(this.config.userIdentity, username) } },
      context,
    );
    const found = readListResponse(response, 1, Number.MAX_SAFE_INTEGER).resources;
    // userName is case-insensitive (RFC 7643 §4.1.1): an exact match wins over a case-folded one.
    const exact = found.filter((r) => field(r, this.config.userIdentity) === username);
    const candidates = exact.length ? exact : found;
    if (candidates.length > 1)
      throw new ConnectorError('conflict', `${context}: ${candidates.length} users match`);
    return candidates[0] ?? null;
  }

  private async resolveId(account: TAccountRef): Promise<string> {
    if (account.nativeId) return account.nativeId;
    const id = this.idOrNull(await this.findUser(account.username));
    if (!id)
      throw new ConnectorError(
        'notFound',
        `no user has ${this.config.userIdentity} "${account.username}" on ${this.config.baseUrl}`,
      );
    return id;
  }

  private idOrNull(resource: Record<string, unknown> | null): string | null {
    return resource ? this.idOf(resource, 'read user') : null;
  }

  private idOf(resource: Record<string, unknown> | null, context: string): string {
    const id = field(resource, 'id');
    if (typeof id !== 'string' || !id)
      throw new ConnectorError(
        'invalidAttribute',
        `${context}: the server answered a ${USER_SCHEMA} without an id`,
      );
    return id;
  }

  private requireGroups(): void {
    if (!this.config.groupsAsEntitlements)
      throw new ConnectorError(
        'unsupported',
        `${this.config.baseUrl} is configured without group entitlements`,
      );
  }
}
