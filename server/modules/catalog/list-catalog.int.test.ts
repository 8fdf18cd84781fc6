import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApplication,
  createEntitlement,
  createGrant,
  createIdentity,
  createRole,
  createSodRule,
} from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { listCatalog } from './list-catalog.ts';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

describe('the catalog', () => {
  it('pages on the keyset past the first page, every item once', async () => {
    const alice = await createIdentity(t.prisma, { firstName: 'Alice' });
    const app = await createApplication(t.prisma, {
      name: 'Paging Tools',
      config: { url: 'ldap://127.0.0.1:1', bindDn: 'cn=x', baseDn: 'dc=x' },
    });
    for (let i = 0; i < 7; i++)
      await createEntitlement(t.prisma, app.id, { name: `Paged ${String(i).padStart(2, '0')}` });
    const actor = await t.actor(alice.id);
    const names: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listCatalog(t.prisma, actor, { applicationId: app.id, limit: 3, cursor });
      names.push(...page.items.map((i) => i.name));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(names).toEqual([
      'Paged 00',
      'Paged 01',
      'Paged 02',
      'Paged 03',
      'Paged 04',
      'Paged 05',
      'Paged 06',
    ]);
  });

  it('tells on the card which items conflict with what the person holds, directly or through a role', async () => {
    const bob = await createIdentity(t.prisma, { firstName: 'Bob' });
    const app = await createApplication(t.prisma, {
      name: 'Ledger',
      config: { url: 'ldap://127.0.0.1:1', bindDn: 'cn=x', baseDn: 'dc=x' },
    });
    const [payable, treasury, deploy, reports, bundled] = await Promise.all(
      ['Payable', 'Treasury', 'Deploy', 'Reports', 'Bundled'].map((name) =>
        createEntitlement(t.prisma, app.id, { name }),
      ),
    );
    const role = await createRole(t.prisma, { name: 'Bundle', entitlementIds: [bundled!.id] });
    await createGrant(t.prisma, { identityId: bob.id, entitlementId: treasury!.id });
    await createGrant(t.prisma, { identityId: bob.id, roleId: role.id });
    await createSodRule(t.prisma, {
      name: 'Payments',
      severity: 'BLOCK',
      sideA: [{ entitlementId: payable!.id }],
      sideB: [{ entitlementId: treasury!.id }],
    });
    await createSodRule(t.prisma, {
      name: 'Change control',
      severity: 'MITIGATABLE',
      sideA: [{ entitlementId: deploy!.id }],
      sideB: [{ roleId: role.id }],
    });
    await createSodRule(t.prisma, {
      name: 'Off',
      enabled: false,
      sideA: [{ entitlementId: reports!.id }],
      sideB: [{ entitlementId: treasury!.id }],
    });

    const page = await listCatalog(t.prisma, await t.actor(bob.id), { applicationId: app.id, limit: 10 });
    const conflicts = Object.fromEntries(page.items.map((i) => [i.name, i.sodConflicts]));
    expect(conflicts).toEqual({
      Bundled: [],
      Deploy: [{ ruleName: 'Change control', severity: 'MITIGATABLE' }],
      Payable: [{ ruleName: 'Payments', severity: 'BLOCK' }],
      Reports: [],
      Treasury: [],
    });
  });
});
