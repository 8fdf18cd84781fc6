import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TAttributes, TConnector, TEntitlementRef } from '@/server/connectors/sdk/connector.ts';
import { ConnectorError } from '@/server/connectors/sdk/connector-error.ts';

/**
 * What a connector's test file provides so the shared conformance suite can drive it against its
 * real (or faithfully emulated) target. `inspect` reads the target directly, never through the
 * connector under test.
 */
export type TConformanceTarget = {
  connector: TConnector;
  entitlement: TEntitlementRef;
  /** A fresh, unused username each call. */
  newUsername: () => string;
  attributesFor: (username: string) => TAttributes;
  /** A change updateAccount can apply to an account created with attributesFor(). */
  update: TAttributes;
  inspect: {
    accountExists: (nativeId: string) => Promise<boolean>;
    isEnabled: (nativeId: string) => Promise<boolean>;
    hasGrant: (nativeId: string, entitlement: TEntitlementRef) => Promise<boolean>;
    attribute: (nativeId: string, name: string) => Promise<string | string[] | null>;
  };
  /** Attributes the target refuses: a permanent error. */
  invalidAttributes?: TAttributes;
  /** Makes the target unreachable, and back. */
  outage?: { begin: () => Promise<void>; end: () => Promise<void> };
  close?: () => Promise<void>;
};

/** Every connector must pass this (STYLE.md: one conformance suite, every connector). */
export function describeConnectorConformance(name: string, setup: () => Promise<TConformanceTarget>) {
  describe(`${name} connector conformance`, () => {
    let t: TConformanceTarget;
    beforeAll(async () => {
      t = await setup();
    });
    afterAll(async () => {
      await t?.connector.close();
      await t?.close?.();
    });

    const created = async (enabled = true) => {
      const username = t.newUsername();
      const result = await t.connector.createAccount!({
        username,
        attributes: t.attributesFor(username),
        enabled,
      });
      return { username, ...result };
    };

    it('creates an account once: a second create is a noop with the same native id', async () => {
      const a = await created();
      expect(a.outcome).toBe('applied');
      expect(await t.inspect.accountExists(a.nativeId)).toBe(true);
      expect(await t.inspect.isEnabled(a.nativeId)).toBe(true);
      const again = await t.connector.createAccount!({
        username: a.username,
        attributes: t.attributesFor(a.username),
        enabled: true,
      });
      expect(again).toEqual({ outcome: 'noop', nativeId: a.nativeId });
    });

    it('creates an account disabled when asked', async () => {
      const a = await created(false);
      expect(await t.inspect.isEnabled(a.nativeId)).toBe(false);
    });

    it('updates attributes, and a repeated update is a noop', async () => {
      const a = await created();
      const ref = { nativeId: a.nativeId, username: a.username };
      const first = await t.connector.updateAccount!(ref, t.update);
      expect(first.outcome).toBe('applied');
      const [key, value] = Object.entries(t.update)[0]!;
      expect(await t.inspect.attribute(first.nativeId, key)).toEqual(value);
      expect((await t.connector.updateAccount!({ ...ref, nativeId: first.nativeId }, t.update)).outcome).toBe(
        'noop',
      );
    });

    it('grants and revokes idempotently', async () => {
      const a = await created();
      const ref = { nativeId: a.nativeId, username: a.username };
      expect(await t.connector.grant!(ref, t.entitlement)).toEqual({ outcome: 'applied' });
      expect(await t.inspect.hasGrant(a.nativeId, t.entitlement)).toBe(true);
      expect(await t.connector.grant!(ref, t.entitlement)).toEqual({ outcome: 'noop' });
      expect(await t.connector.revoke!(ref, t.entitlement)).toEqual({ outcome: 'applied' });
      expect(await t.inspect.hasGrant(a.nativeId, t.entitlement)).toBe(false);
      expect(await t.connector.revoke!(ref, t.entitlement)).toEqual({ outcome: 'noop' });
    });

    it('disables and enables idempotently', async () => {
      const a = await created();
      let ref = { nativeId: a.nativeId, username: a.username };
      const disabled = await t.connector.disableAccount!(ref);
      expect(disabled.outcome).toBe('applied');
      ref = { ...ref, nativeId: disabled.nativeId };
      expect(await t.inspect.isEnabled(ref.nativeId)).toBe(false);
      expect((await t.connector.disableAccount!(ref)).outcome).toBe('noop');
      const enabled = await t.connector.enableAccount!(ref);
      expect(enabled.outcome).toBe('applied');
      ref = { ...ref, nativeId: enabled.nativeId };
      expect(await t.inspect.isEnabled(ref.nativeId)).toBe(true);
      expect((await t.connector.enableAccount!(ref)).outcome).toBe('noop');
    });

    it('deletes idempotently, or says it cannot', async () => {
      const a = await created();
      const ref = { nativeId: a.nativeId, username: a.username };
      if (!t.connector.capabilities.has('account.delete')) {
        expect('deleteAccount' in t.connector).toBe(false);
        return;
      }
      expect(await t.connector.deleteAccount!(ref)).toEqual({ outcome: 'applied' });
      expect(await t.inspect.accountExists(a.nativeId)).toBe(false);
      expect(await t.connector.deleteAccount!(ref)).toEqual({ outcome: 'noop' });
    });

    it('lists accounts page by page with opaque cursors', async () => {
      const mine = [await created(), await created(), await created()];
      if (!t.connector.listAccounts) return;
      const seen = new Set<string>();
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page = await t.connector.listAccounts(cursor, 2);
        expect(page.items.length).toBeLessThanOrEqual(2);
        for (const item of page.items) seen.add(item.nativeId);
        cursor = page.nextCursor;
        pages++;
      } while (cursor && pages < 10_000);
      for (const m of mine) expect(seen.has(m.nativeId)).toBe(true);
      expect(pages).toBeGreaterThan(1);
    });

    it('reports refused attributes as a permanent error with the target message', async () => {
      if (!t.invalidAttributes) return;
      const username = t.newUsername();
      const error = await t.connector.createAccount!({
        username,
        attributes: { ...t.attributesFor(username), ...t.invalidAttributes },
        enabled: true,
      }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ConnectorError);
      expect((error as ConnectorError).isRetryable).toBe(false);
      expect((error as ConnectorError).message.length).toBeGreaterThan(10);
    });

    it('settles a batch per account: one the target cannot take fails alone, and the rest are applied', async () => {
      const c = t.connector;
      if (c.grantMany && c.revokeMany) {
        const [a, b] = [await created(), await created()];
        // A name no target takes (a 20,000-character userName once sank a whole group change).
        const batch = [
          { nativeId: a.nativeId, username: a.username },
          { nativeId: null, username: `x${'x'.repeat(20_000)}` },
          { nativeId: b.nativeId, username: b.username },
        ];
        const granted = await c.grantMany(t.entitlement, batch);
        expect([granted[0], granted[2]]).toEqual([{ outcome: 'applied' }, { outcome: 'applied' }]);
        expect(granted[1]).toBeInstanceOf(ConnectorError);
        expect((granted[1] as ConnectorError).isRetryable).toBe(false);
        expect(await t.inspect.hasGrant(a.nativeId, t.entitlement)).toBe(true);
        expect(await t.inspect.hasGrant(b.nativeId, t.entitlement)).toBe(true);
        const revoked = await c.revokeMany(t.entitlement, batch);
        expect([revoked[0], revoked[2]]).toEqual([{ outcome: 'applied' }, { outcome: 'applied' }]);
        expect(await t.inspect.hasGrant(a.nativeId, t.entitlement)).toBe(false);
      }
      if (c.createAccounts && t.invalidAttributes) {
        const [u1, u2, u3] = [t.newUsername(), t.newUsername(), t.newUsername()];
        const results = await c.createAccounts([
          { username: u1, attributes: t.attributesFor(u1), enabled: true },
          { username: u2, attributes: { ...t.attributesFor(u2), ...t.invalidAttributes }, enabled: true },
          { username: u3, attributes: t.attributesFor(u3), enabled: true },
        ]);
        expect([results[0], results[2]]).toMatchObject([{ outcome: 'applied' }, { outcome: 'applied' }]);
        expect(results[1]).toBeInstanceOf(ConnectorError);
        expect((results[1] as ConnectorError).isRetryable).toBe(false);
      }
    });

    it('reports an unreachable target as retryable, and recovers when it is back', async () => {
      if (!t.outage) return;
      const a = await created();
      await t.outage.begin();
      try {
        const error = await t.connector.grant!(
          { nativeId: a.nativeId, username: a.username },
          t.entitlement,
        ).then(
          () => null,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(ConnectorError);
        expect((error as ConnectorError).isRetryable).toBe(true);
      } finally {
        await t.outage.end();
      }
      expect(
        (await t.connector.grant!({ nativeId: a.nativeId, username: a.username }, t.entitlement)).outcome,
      ).toBe('applied');
    });
  });
}
