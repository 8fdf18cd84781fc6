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
    expect(await names('quokka')).toEqual(['Quokka approve', '100%_quokka', 'Plain']);
    expect(await names('zebra quokka')).toEqual(['100%_quokka', 'Plain', 'Quokka approve']);
    expect(await names('quokka EXPORT')).toEqual(['Plain']);
    expect(await names('0%_q')).toEqual(['100%_quokka']);
    expect(await names('%')).toEqual(['100%_quokka']);
  });

  it('lists the names that begin with the search first, case folded, then the other matches by name, and pages across both', async () => {
    const dora = await createIdentity(t.prisma, { firstName: 'Dora' });
    const app = await createApplication(t.prisma, {
      name: 'Marsupial Tools',
      config: { url: 'ldap://127.0.0.1:1', bindDn: 'cn=x', baseDn: 'dc=x' },
    });
    for (const name of [
      'Alpha wombat read',
      'wombat Export',
      'WOMBAT admin',
      'Wombat read 2',
      'Wombat read 10',
      'Zulu wombat',
      'Wombatless',
      'Beta',
    ])
      await createEntitlement(t.prisma, app.id, { name });
    await createEntitlement(t.prisma, app.id, { name: 'Gamma', description: 'Lets a wombat in' });
    await createEntitlement(t.prisma, app.id, { name: 'Wombat read 3', requestable: false });
    const actor = await t.actor(dora.id);
    const all = async (search: string, limit: number) => {
      const names: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await listCatalog(t.prisma, actor, { search, applicationId: app.id, limit, cursor });
        names.push(...page.items.map((i) => i.name));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return names;
    };
    const wombat = [
      'WOMBAT admin',
      'wombat Export',
      'Wombat read 10',
      'Wombat read 2',
      'Wombatless',
      'Alpha wombat read',
      'Gamma',
      'Zulu wombat',
    ];
    expect(await all('wombat', 50)).toEqual(wombat);
    // Pages of 1, 2 and 3 end inside the first part, on its last item, and inside the rest.
    for (const limit of [1, 2, 3, 5]) expect(await all('wombat', limit)).toEqual(wombat);
    expect(await all('  wombat   READ ', 2)).toEqual([
      'Wombat read 10',
      'Wombat read 2',
      'Alpha wombat read',
    ]);
    expect(await all('read wombat', 2)).toEqual(['Alpha wombat read', 'Wombat read 10', 'Wombat read 2']);
  });

  it('takes a search as a literal prefix too: its % and _ match only themselves', async () => {
    const erin = await createIdentity(t.prisma, { firstName: 'Erin' });
    const app = await createApplication(t.prisma, {
      name: 'Numbat Tools',
      config: { url: 'ldap://127.0.0.1:1', bindDn: 'cn=x', baseDn: 'dc=x' },
    });
    for (const name of ['77%_numbat', '77xx numbat', '7700 numbat', 'numbat 77%_'])
      await createEntitlement(t.prisma, app.id, { name });
    const actor = await t.actor(erin.id);
    const names = async (search: string) =>
      (await listCatalog(t.prisma, actor, { search, applicationId: app.id, limit: 50 })).items.map(
        (i) => i.name,
      );
    expect(await names('77%')).toEqual(['77%_numbat', 'numbat 77%_']);
    expect(await names('77_')).toEqual([]);
    expect(await names('77%_')).toEqual(['77%_numbat', 'numbat 77%_']);
  });

  it('refuses nothing and finds nothing after a cursor that is no entitlement', async () => {
    const fay = await createIdentity(t.prisma, { firstName: 'Fay' });
    const actor = await t.actor(fay.id);
    const nobody = '00000000-0000-4000-8000-000000000000';
    expect((await listCatalog(t.prisma, actor, { limit: 5, cursor: nobody })).items).toEqual([]);
    expect(
      (await listCatalog(t.prisma, actor, { search: 'wombat', limit: 5, cursor: nobody })).items,
    ).toEqual([]);
  });

  it("serves a search's first part, the names that begin with it, as a range of the folded-name index, in its order", async () => {
    const plan = await t.prisma.$transaction(async (tx) => {
      // A test's few rows would be read whole; as at scale, they must come as a range, in order.
      await tx.$executeRaw`SET LOCAL enable_seqscan = off`;
      await tx.$executeRaw`SET LOCAL enable_bitmapscan = off`;
      const rows = await tx.$queryRaw<Array<{ 'QUERY PLAN': string }>>`EXPLAIN SELECT id FROM "Entitlement" e
        WHERE lower(e.name) COLLATE "C" LIKE lower('Wom%') ORDER BY lower(e.name) COLLATE "C", e.id LIMIT 10`;
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('Index Scan using db_entitlement_name_folded');
    expect(plan).toMatch(/Index Cond: .*>= 'wom'.*< 'won'/);
    expect(plan).not.toContain('Sort');
  });

  it('keeps a 2,000-character description in any script: no index entry holds it (a b-tree entry stops at 2,704 bytes)', async () => {
    const app = await createApplication(t.prisma, {
      name: 'Long Descriptions',
      config: { url: 'ldap://127.0.0.1:1', bindDn: 'cn=x', baseDn: 'dc=x' },
    });
    // 6,000 bytes in UTF-8, random enough that PostgreSQL cannot compress it under the limit.
    const description = Array.from({ length: 2000 }, (_, i) =>
      String.fromCodePoint(0x4e00 + ((i * 7919) % 20000)),
    ).join('');
    const saved = await createEntitlement(t.prisma, app.id, { name: 'Ledger 長い説明', description });
    expect((await t.prisma.entitlement.findUniqueOrThrow({ where: { id: saved.id } })).description).toBe(
      description,
    );
  });

  it('walks name order on the covering name index, with no sort: the short columns it filters on come from the index', async () => {
    // As autovacuum leaves a catalog that is not being written: the planner then counts on few heap visits.
    // Owner: only a table's owner may vacuum it (the portal's role would be skipped, with a warning).
    await t.ownerPrisma.$executeRawUnsafe('VACUUM ANALYZE "Entitlement"');
    const plan = await t.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SET LOCAL enable_seqscan = off`;
      await tx.$executeRaw`SET LOCAL enable_bitmapscan = off`;
      const rows = await tx.$queryRaw<Array<{ 'QUERY PLAN': string }>>`EXPLAIN
        SELECT e.id FROM "Entitlement" e WHERE e.requestable AND e.risk = 'HIGH'
           AND (e.name ILIKE '%quok%' OR e.description ILIKE '%quok%' OR e."applicationId" = ANY(ARRAY[gen_random_uuid()]))
         ORDER BY e.name, e.id LIMIT 61`;
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('Index Scan using db_entitlement_name_covering');
    expect(plan).not.toContain('Sort');
  });

  it('serves substring search from the trigram indexes on name and description', async () => {
    const plan = await t.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SET LOCAL enable_seqscan = off`;
      // Nor reading the few rows' covering name index whole, cheaper than any bitmap at this size.
      await tx.$executeRaw`SET LOCAL enable_indexonlyscan = off`;
      const rows = await tx.$queryRaw<
        Array<{ 'QUERY PLAN': string }>
      >`EXPLAIN SELECT id FROM "Entitlement" e WHERE e.name ILIKE '%quok%' OR e.description ILIKE '%quok%'`;
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('db_entitlement_name_trgm');
    expect(plan).toContain('db_entitlement_description_trgm');
  });
});
