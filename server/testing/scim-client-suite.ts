import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TAttributes, TEntitlementRef } from '@/server/connectors/sdk/connector.ts';
import { ConnectorError } from '@/server/connectors/sdk/connector-error.ts';
import {
  describeConnectorConformance,
  type TConformanceTarget,
} from '@/server/testing/connector-conformance.ts';
import {
  ZScimConfig,
  type TScimConfigInput,
  type TScimSecrets,
} from '@/server/connectors/scim/scim-config.ts';
import { ScimConnector } from '@/server/connectors/scim/scim-connector.ts';
import { createScimReader, type TScimReader } from '@/server/testing/scim-emulator/scim-reader.ts';

/**
 * Any SCIM 2.0 service provider the client should work with: the scimmy test server today,
 * Gatehouse's own /scim/v2 later. Only `baseUrl` and credentials are required.
 */
export type TScimTarget = {
  baseUrl: string;
  /** The harness's own Authorization header, for seeding and inspecting. */
  authorization: string;
  /** The connector's settings; bearer with `authorization`'s token when omitted. */
  config?: Partial<TScimConfigInput>;
  secrets?: TScimSecrets;
  /** Attributes this target refuses; an array for the single-valued userType by default. */
  invalidAttributes?: TAttributes | null;
  outage?: TConformanceTarget['outage'];
  close?: () => Promise<void>;
};

const rand = () => crypto.randomBytes(4).toString('hex');

export function connectorFor(target: TScimTarget, overrides: Partial<TScimConfigInput> = {}): ScimConnector {
  const token = target.authorization.replace(/^Bearer /, '');
  const config = ZScimConfig.parse({
    baseUrl: target.baseUrl,
    auth: { type: 'bearer' },
    ...target.config,
    ...overrides,
  });
  return new ScimConnector(config, target.secrets ?? { token });
}

export const attributesFor = (username: string): TAttributes => ({
  givenName: 'Test',
  familyName: username,
  displayName: `Test ${username}`,
  email: `${username.replace(/[^\w.-]/g, '_')}@example.test`,
  title: 'Engineer',
  department: 'R&D',
  employeeNumber: String(
    parseInt(crypto.createHash('sha256').update(username).digest('hex').slice(0, 6), 16),
  ),
});

/** The shared conformance suite plus the SCIM-specific contract, against one target. */
export function runScimClientSuite(name: string, makeTarget: () => Promise<TScimTarget>): void {
  let shared: Promise<TScimTarget> | null = null;
  const target = () => (shared ??= makeTarget());

  describeConnectorConformance(name, async () => {
    const t = await target();
    const reader = createScimReader(t.baseUrl, t.authorization);
    const entitlement: TEntitlementRef = {
      externalId: await reader.createGroup(`conformance-${rand()}`),
      kind: 'GROUP',
    };
    return {
      connector: connectorFor(t),
      entitlement,
      newUsername: () => `scim-${rand()}`,
      attributesFor,
      update: { title: 'Principal Engineer', department: 'Platform' },
      inspect: {
        accountExists: async (id) => (await reader.user(id)) !== null,
        isEnabled: async (id) => (await reader.user(id))?.active !== false,
        hasGrant: async (id, e) => (await reader.members(e.externalId)).includes(id),
        attribute: (id, attr) => reader.attribute(id, attr),
      },
      invalidAttributes:
        t.invalidAttributes === undefined ? { userType: ['a', 'b'] } : (t.invalidAttributes ?? undefined),
      outage: t.outage,
    };
  });

  describe(`${name}: SCIM client contract`, () => {
    let t: TScimTarget;
    let reader: TScimReader;
    let connector: ScimConnector;
    beforeAll(async () => {
      t = await target();
      reader = createScimReader(t.baseUrl, t.authorization);
      connector = connectorFor(t);
    });
    afterAll(async () => {
      await connector?.close();
      await (await shared)?.close?.();
    });

    it('tests the connection by reading /ServiceProviderConfig and /Users', async () => {
      const result = await connector.testConnection();
      expect(result.ok).toBe(true);
      expect(result.message).toContain('PATCH yes');
    });

    it('turns a 409 on create into a lookup and an update, and adopts the existing user', async () => {
      const username = `taken-${rand()}`;
      const id = await reader.createUser({ userName: username, title: 'Intern', active: false });
      const first = await connector.createAccount({
        username,
        attributes: attributesFor(username),
        enabled: true,
      });
      expect(first).toEqual({ outcome: 'applied', nativeId: id });
      expect(await reader.attribute(id, 'title')).toBe('Engineer');
      expect((await reader.user(id))?.active).toBe(true);
      const again = await connector.createAccount({
        username,
        attributes: attributesFor(username),
        enabled: true,
      });
      expect(again).toEqual({ outcome: 'noop', nativeId: id });
    });

    it('escapes quotes and backslashes in the userName filter', async () => {
      const username = `q"uo\\te\\"d-${rand()}`;
      const { nativeId } = await connector.createAccount({
        username,
        attributes: attributesFor(username),
        enabled: true,
      });
      expect((await reader.user(nativeId))?.userName).toBe(username);
      // Without a native id, every call finds the user by filter.
      const byName = { nativeId: null, username };
      expect(
        await connector.createAccount({ username, attributes: attributesFor(username), enabled: true }),
      ).toEqual({ outcome: 'noop', nativeId });
      expect(await connector.updateAccount(byName, { title: 'Quoted' })).toEqual({
        outcome: 'applied',
        nativeId,
      });
      expect(await connector.deleteAccount(byName)).toEqual({ outcome: 'applied' });
      expect(await connector.deleteAccount(byName)).toEqual({ outcome: 'noop' });
    });

    it('adds and removes group members idempotently, by PATCH', async () => {
      const groupId = await reader.createGroup(`members-${rand()}`);
      const group: TEntitlementRef = { externalId: groupId, kind: 'GROUP' };
      const username = `member-${rand()}`;
      const { nativeId } = await connector.createAccount({
        username,
        attributes: attributesFor(username),
        enabled: true,
      });
      const byName = { nativeId: null, username };
      expect(await connector.grant(byName, group)).toEqual({ outcome: 'applied' });
      expect(await connector.grant({ nativeId, username }, group)).toEqual({ outcome: 'noop' });
      expect(await reader.members(groupId)).toEqual([nativeId]);
      expect(await connector.revoke(byName, group)).toEqual({ outcome: 'applied' });
      expect(await connector.revoke({ nativeId, username }, group)).toEqual({ outcome: 'noop' });
      expect(await reader.members(groupId)).toEqual([]);
      await reader.deleteGroup(groupId);
      expect(await connector.revoke({ nativeId, username }, group)).toEqual({ outcome: 'noop' });
      const missing = await connector.grant({ nativeId, username }, group).catch((e: unknown) => e);
      expect(missing).toMatchObject({ kind: 'notFound' });
    });

    it('lists groups as entitlements and memberships as grants', async () => {
      const groupId = await reader.createGroup(`listed-${rand()}`);
      const username = `lister-${rand()}`;
      const { nativeId } = await connector.createAccount({
        username,
        attributes: attributesFor(username),
        enabled: true,
      });
      await connector.grant({ nativeId, username }, { externalId: groupId, kind: 'GROUP' });
      const entitlements = await drain((c) => connector.listEntitlements(c, 2));
      expect(entitlements).toContainEqual(
        expect.objectContaining({
          externalId: groupId,
          name: expect.stringContaining('listed-'),
          kind: 'GROUP',
        }),
      );
      const grants = await drain((c) => connector.listGrants(c, 2));
      expect(grants).toContainEqual({ accountNativeId: nativeId, entitlementExternalId: groupId });
    });

    it('lists accounts with their attributes mapped back to flat names', async () => {
      const username = `listed-${rand()}`;
      const attributes = attributesFor(username);
      const { nativeId } = await connector.createAccount({ username, attributes, enabled: false });
      const mine = (await drain((c) => connector.listAccounts(c, 50))).find((a) => a.nativeId === nativeId);
      expect(mine).toMatchObject({
        username,
        enabled: false,
        attributes: { ...attributes, userName: username },
      });
    });

    it('removes an attribute set to null, and keeps emails it does not own', async () => {
      const username = `partial-${rand()}`;
      const id = await reader.createUser({
        userName: username,
        title: 'Engineer',
        emails: [{ type: 'home', value: 'home@example.test' }],
      });
      expect(
        await connector.updateAccount(
          { nativeId: id, username },
          { title: null, email: 'work@example.test' },
        ),
      ).toEqual({ outcome: 'applied', nativeId: id });
      const user = await reader.user(id);
      expect(user?.title).toBeUndefined();
      expect(user?.emails).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ type: 'home', value: 'home@example.test' }),
          expect.objectContaining({ type: 'work', value: 'work@example.test' }),
        ]),
      );
      expect(
        (
          await connector.updateAccount(
            { nativeId: id, username },
            { title: null, email: 'work@example.test' },
          )
        ).outcome,
      ).toBe('noop');
    });

    it('renames an account', async () => {
      const username = `old-${rand()}`;
      const { nativeId } = await connector.createAccount({
        username,
        attributes: attributesFor(username),
        enabled: true,
      });
      expect(await connector.renameAccount({ nativeId, username }, `${username}-new`)).toEqual({
        outcome: 'applied',
        nativeId,
      });
      expect((await reader.user(nativeId))?.userName).toBe(`${username}-new`);
    });

    it('reports a user that is gone as a permanent notFound', async () => {
      const error = await connector
        .updateAccount({ nativeId: crypto.randomUUID(), username: 'ghost' }, { title: 'x' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConnectorError);
      expect(error).toMatchObject({ kind: 'notFound', isRetryable: false });
    });
  });
}

async function drain<T>(
  page: (cursor: string | null) => Promise<{ items: T[]; nextCursor: string | null }>,
): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 1000; i++) {
    const p = await page(cursor);
    out.push(...p.items);
    cursor = p.nextCursor;
    if (!cursor) break;
  }
  return out;
}
