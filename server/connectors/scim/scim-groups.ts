import type { TListOptions, TOutcome, TPage, TTargetEntitlement, TTargetGrant } from '../sdk/connector.ts';
import { ConnectorError } from '../sdk/connector-error.ts';
import type { TScimConfig } from './scim-config.ts';
import { eqFilter } from './scim-filter.ts';
import type { ScimHttp } from './scim-http.ts';
import { listScimPage } from './scim-paging.ts';
import { asText, field } from './scim-user-mapping.ts';
import { patchBody } from './scim-user-patch.ts';

const groupPath = (id: string) => `/Groups/${encodeURIComponent(id)}`;

function memberIds(group: Record<string, unknown> | null): string[] {
  const members = field(group, 'members');
  if (!Array.isArray(members)) return [];
  return (
    members
      // A nested group is a member too, but not an account.
      .filter((m) => asText(field(m, 'type'))?.toLowerCase() !== 'group')
      .map((m) => field(m, 'value'))
      .filter((v): v is string => typeof v === 'string')
  );
}

/**
 * Group membership as entitlements (RFC 7644 §3.5.2). The group is read first so that adding a
 * member who is there, or removing one who is not, is a noop. Membership PATCHes carry no If-Match:
 * add and remove of one member commute, and a group's ETag changes with every other member's grant,
 * so concurrent grants would only fail each other.
 */
export class ScimGroups {
  constructor(
    private readonly http: ScimHttp,
    private readonly config: TScimConfig,
  ) {}

  async grant(userId: string, groupId: string): Promise<TOutcome> {
    const context = `add ${userId} to group ${groupId}`;
    const group = await this.http.request(
      { method: 'GET', path: groupPath(groupId), query: { attributes: 'members' } },
      context,
    );
    if (memberIds(group.body).includes(userId)) return 'noop';
    const ops = [{ op: 'add' as const, path: 'members', value: [{ value: userId }] }];
    await this.http.request({ method: 'PATCH', path: groupPath(groupId), body: patchBody(ops) }, context);
    return 'applied';
  }

  async revoke(userId: string, groupId: string): Promise<TOutcome> {
    const context = `remove ${userId} from group ${groupId}`;
    // A group that no longer exists holds nobody.
    const group = await this.http.request(
      { method: 'GET', path: groupPath(groupId), query: { attributes: 'members' } },
      context,
      [404],
    );
    if (group.status === 404 || !memberIds(group.body).includes(userId)) return 'noop';
    const op =
      this.config.patchStyle.memberRemoval === 'value'
        ? { op: 'remove' as const, path: 'members', value: [{ value: userId }] }
        : { op: 'remove' as const, path: `members[${eqFilter('value', userId)}]` };
    const done = await this.http.request(
      { method: 'PATCH', path: groupPath(groupId), body: patchBody([op]) },
      context,
      [404],
    );
    return done.status === 404 ? 'noop' : 'applied';
  }

  async listEntitlements(cursor: string | null, pageSize: number): Promise<TPage<TTargetEntitlement>> {
    const page = await this.listGroups(cursor, pageSize, { excludedAttributes: 'members' }, 'list groups');
    return {
      items: page.resources.map((g) => {
        const id = String(field(g, 'id'));
        return {
          externalId: id,
          name: asText(field(g, 'displayName')) ?? id,
          description: '',
          kind: 'GROUP' as const,
        };
      }),
      nextCursor: page.nextCursor,
    };
  }

  /**
   * `pageSize` counts groups; each group brings all its members. With `changedSince`, the groups
   * changed since (a membership change touches the group's meta.lastModified), each with all its
   * members: a member removed from such a group is seen by its absence.
   */
  async listGrants(
    cursor: string | null,
    pageSize: number,
    options?: TListOptions,
  ): Promise<TPage<TTargetGrant>> {
    const page = await this.listGroups(
      cursor,
      pageSize,
      { attributes: 'id,members' },
      'list group members',
      options,
    );
    return {
      items: page.resources.flatMap((g) =>
        memberIds(g).map((accountNativeId) => ({
          accountNativeId,
          entitlementExternalId: String(field(g, 'id')),
        })),
      ),
      nextCursor: page.nextCursor,
      ...(page.complete ? { complete: true } : {}),
    };
  }

  private async listGroups(
    cursor: string | null,
    pageSize: number,
    query: Record<string, string>,
    context: string,
    options?: TListOptions,
  ) {
    const count = Math.min(pageSize, this.config.pageSize);
    const page = await listScimPage(this.http, '/Groups', query, cursor, count, options, context);
    if (page.resources.some((g) => typeof field(g, 'id') !== 'string')) {
      throw new ConnectorError('invalidAttribute', `${context}: the server listed a group without an id`);
    }
    return page;
  }
}
