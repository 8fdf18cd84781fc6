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

  it('searches every word in the name, the description or the application name, literally, and only requestable items of enabled applications', async () => {
    const carol = await createIdentity(t.prisma, { firstName: 'Carol' });
    const app = await createApplication(t.prisma, {
      name: 'Zebra Ledger',
      config: { url: 'ldap://127.0.0.1:1', bindDn: 'cn=x', baseDn: 'dc=x' },
    });
    const off = await createApplication(t.prisma, {
      name: 'Zebra Archive',
      config: { url: 'ldap://127.0.0.1:1', bindDn: 'cn=x', baseDn: 'dc=x' },
    });
    await t.prisma.application.update({ where: { id: off.id }, data: { enabled: false } });
    await createEntitlement(t.prisma, app.id, { name: 'Quokka approve' });
    await createEntitlement(t.prisma, app.id, { name: 'Plain', description: 'Lets one quokka export' });
    await createEntitlement(t.prisma, app.id, { name: '100%_quokka' });
    await createEntitlement(t.prisma, app.id, { name: 'Hidden quokka', requestable: false });
    await createEntitlement(t.prisma, off.id, { name: 'Quokka elsewhere' });
    const actor = await t.actor(carol.id);
    const names = async (search: string) =>
      (await listCatalog(t.prisma, actor, { search, limit: 50 })).items.map((i) => i.name);
    expect(await names('quokka')).toEqual(['100%_quokka', 'Plain', 'Quokka approve']);
    expect(await names('zebra quokka')).toEqual(['100%_quokka', 'Plain', 'Quokka approve']);
    expect(await names('quokka EXPORT')).toEqual(['Plain']);
    expect(await names('0%_q')).toEqual(['100%_quokka']);
    expect(await names('%')).toEqual(['100%_quokka']);
  });

  it('serves substring search from the trigram indexes on name and description', async () => {
    const plan = await t.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SET LOCAL enable_seqscan = off`;
      const rows = await tx.$queryRaw<
        Array<{ 'QUERY PLAN': string }>
      >`EXPLAIN SELECT id FROM "Entitlement" e WHERE e.name ILIKE '%quok%' OR e.description ILIKE '%quok%'`;
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('db_entitlement_name_trgm');
    expect(plan).toContain('db_entitlement_description_trgm');
  });
});
