import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '@/server/db/client.ts';
import { createApplication, createEntitlement, createIdentity } from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { watchLockWaits, withTwoConnections } from '@/server/testing/two-connections.ts';
import { saveSodRule } from './manage-sod-rules.ts';

/*
 * Two edits of one SoD rule at once: the second read the rule before its locks, so its audit event's
 * `before` was the rule as it was before the first edit. Set up by lock waits, never by sleeps.
 */
let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

describe('two edits of one SoD rule at once', () => {
  it('audits the second with the first’s result as its before', async () => {
    const ivy = await t.actor(
      (await createIdentity(t.prisma, { firstName: 'Ivy', portalRoles: ['IDENTITY_ADMIN'] })).id,
    );
    const app = await createApplication(t.prisma, {
      config: { url: 'ldap://127.0.0.1:1', bindDn: 'cn=x', baseDn: 'dc=x' },
    });
    const payments = await createEntitlement(t.prisma, app.id, { name: 'Payments' });
    const vendors = await createEntitlement(t.prisma, app.id, { name: 'Vendor master' });
    const rule = {
      name: 'Pay and vendors',
      description: '',
      severity: 'MITIGATABLE' as const,
      enabled: true,
      sideA: [{ kind: 'ENTITLEMENT' as const, id: payments.id }],
      sideB: [{ kind: 'ENTITLEMENT' as const, id: vendors.id }],
    };
    const { id } = await saveSodRule(t.prisma, ivy, rule, { queue: t.queue });

    let commit!: () => void;
    const committing = new Promise<void>((resolve) => (commit = resolve));
    let saved!: () => void;
    const isSaved = new Promise<void>((resolve) => (saved = resolve));
    // The first edit (it blocks), done and not committed.
    const first = inTransaction(
      t.prisma,
      async (tx) => {
        await saveSodRule(tx, ivy, { ...rule, id, severity: 'BLOCK' }, { queue: t.queue });
        saved();
        await committing;
      },
      { timeout: 30_000 },
    );
    await isSaved;
    await withTwoConnections(t.url, async (observer) => {
      const { waiting, until } = watchLockWaits(observer);
      // The second (it renames) waits for the first, then commits after it.
      const second = saveSodRule(
        t.prisma,
        ivy,
        { ...rule, id, name: 'Payments and vendors' },
        { queue: t.queue },
      );
      second.catch(() => {});
      await until(async () => (await waiting()) >= 1);
      commit();
      await first;
      await second;
    });

    const edits = await t.prisma.auditEvent.findMany({
      where: { entityId: id, action: 'sod.rule_updated' },
      orderBy: { occurredAt: 'asc' },
      select: { before: true, after: true },
    });
    expect(edits).toHaveLength(2);
    expect(edits[1]!.before).toEqual(edits[0]!.after);
    expect(edits[1]!.before).toMatchObject({ severity: 'BLOCK', name: 'Pay and vendors' });
  });
});
