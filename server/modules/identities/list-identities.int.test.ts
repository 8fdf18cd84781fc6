import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Prisma } from '@/server/db/client.ts';
import { COUNT_CAP, countCapped } from '@/server/db/count-capped.ts';
import { createIdentity } from '@/server/seed/factories.ts';
import { createCountingContext, type TCountingContext } from '@/server/testing/count-statements.ts';
import { listIdentities, SEARCH_COUNT_CAP } from './list-identities.ts';

let t: TCountingContext;
beforeAll(async () => {
  t = await createCountingContext();
  // 25 in Finance (one of them 100%_sure), 5 in Legal, 2 who left Sales.
  for (let i = 0; i < 25; i += 1) {
    await createIdentity(t.prisma, {
      firstName: `Fin${String(i).padStart(2, '0')}`,
      lastName: i === 7 ? '100%_sure' : 'Ledger',
      department: 'Finance',
    });
  }
  for (let i = 0; i < 5; i += 1)
    await createIdentity(t.prisma, { firstName: `Law${i}`, lastName: 'Brief', department: 'Legal' });
  for (let i = 0; i < 2; i += 1)
    await createIdentity(t.prisma, {
      firstName: `Gone${i}`,
      lastName: 'Seller',
      department: 'Sales',
      status: 'TERMINATED',
    });
});
afterAll(async () => {
  await t?.close();
});

describe('the People list', () => {
  it('pages by name without repeating or skipping, and counts and lists departments on the first page only', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listIdentities(t.prisma, { department: 'Finance', limit: 10, cursor });
      if (pages === 0) {
        expect(page.total).toEqual({ count: 25, isAtLeast: false });
        expect(page.departments).toEqual(['Finance', 'Legal', 'Sales']);
      } else {
        expect(page.total).toBeNull();
        expect(page.departments).toBeNull();
      }
      seen.push(...page.items.map((p) => p.displayName));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(25);
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(25);
  });

  it('searches a substring of name, email or username literally, and filters by status', async () => {
    const names = async (search: string, status?: 'TERMINATED') =>
      (await listIdentities(t.prisma, { search, status, limit: 50 })).items.map((p) => p.displayName);
    expect(await names('100%_')).toEqual(['Fin07 100%_sure']);
    expect(await names('%')).toEqual(['Fin07 100%_sure']);
    expect(await names('aw3 bri')).toEqual(['Law3 Brief']);
    expect(await names('seller', 'TERMINATED')).toEqual(['Gone0 Seller', 'Gone1 Seller']);
    expect(await names('brief', 'TERMINATED')).toEqual([]);
  });

  it('lists display names that begin with the search first, then last names, then the other matches by name, and pages across the parts', async () => {
    // Display name, last name, email and username differ here on purpose; all in Operations.
    const people: Array<[string, string, string]> = [
      ['Aa Plain', 'Plain', 'aa.plain'],
      ['Bb Plain', 'Plain', 'bb.plain'],
      ['Wren Zed', 'Zed', 'wren.zed'],
      ['wren Abel', 'Abel', 'w.abel'],
      ['Cc Wrenfield', 'Wrenfield', 'cc.w'],
      ['Ab Wrenn', 'Wrenn', 'ab.w'],
      ['Zz Farwren', 'Farwren', 'zz.f'],
      ['Dd Other', 'Other', 'dd.wren'],
      ['Ee Pre', 'Wren', 'ee.wrens'],
      ['Gg Nope', 'Wrenson', 'gg.nope'],
      ['Ff 5%_\\x', '5%_\\x', 'ff.odd'],
    ];
    for (const [displayName, lastName, username] of people)
      await t.prisma.identity.create({
        data: {
          displayName,
          firstName: displayName.split(' ')[0]!,
          lastName,
          username,
          email: `${username}@ops.example`,
          department: 'Operations',
        },
      });
    const all = async (search: string, limit: number, nameWalk: number) => {
      const names: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await listIdentities(
          t.prisma,
          { search, department: 'Operations', limit, cursor },
          { nameWalk },
        );
        names.push(...page.items.map((p) => p.displayName));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return names;
    };
    // "Ee Pre" is last-named Wren; "Dd Other" matches by username only; "Gg Nope", last-named
    // Wrenson, matches nothing the search looks at (display name, email, username) and is not listed.
    const expected = [
      'wren Abel',
      'Wren Zed',
      'Ee Pre',
      'Cc Wrenfield',
      'Ab Wrenn',
      'Dd Other',
      'Zz Farwren',
    ];
    // Walks of 1-2 end before any of the rest; 5 inside it; 1,000 past everyone. Pages end in each part.
    for (const nameWalk of [1, 2, 5, 1000])
      for (const limit of [1, 2, 3, 50]) expect(await all('WREN', limit, nameWalk)).toEqual(expected);
    for (const nameWalk of [1, 1000]) {
      expect(await all('5%_\\', 1, nameWalk)).toEqual(['Ff 5%_\\x']);
      expect(await all('%_', 1, nameWalk)).toEqual(['Ff 5%_\\x']);
      expect(await all('5_', 1, nameWalk)).toEqual([]);
      expect(await all('\\', 1, nameWalk)).toEqual(['Ff 5%_\\x']);
    }
    const nobody = '00000000-0000-4000-8000-000000000000';
    expect((await listIdentities(t.prisma, { search: 'wren', limit: 5, cursor: nobody })).items).toEqual([]);
  });

  it('counts a search only to SEARCH_COUNT_CAP', async () => {
    expect((await listIdentities(t.prisma, { search: 'fin', limit: 1 })).total).toEqual({
      count: 25,
      isAtLeast: false,
    });
    expect(SEARCH_COUNT_CAP).toBeLessThan(COUNT_CAP);
  });

  it('serves substring search from the trigram indexes', async () => {
    const plan = await t.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SET LOCAL enable_seqscan = off`;
      const rows = await tx.$queryRaw<
        Array<{ 'QUERY PLAN': string }>
      >`EXPLAIN SELECT id FROM "Identity" i WHERE i."displayName" ILIKE '%ledg%' OR i.email ILIKE '%ledg%' OR i.username ILIKE '%ledg%'`;
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    for (const index of [
      'db_identity_display_name_trgm',
      'db_identity_email_trgm',
      'db_identity_username_trgm',
    ])
      expect(plan).toContain(index);
  });

  it('stops counting at the cap and says "at least"', async () => {
    const from = Prisma.sql`FROM "Identity" WHERE department = 'Finance'`;
    expect(await countCapped(t.prisma, from, 10)).toEqual({ count: 10, isAtLeast: true });
    expect(await countCapped(t.prisma, from, 25)).toEqual({ count: 25, isAtLeast: false });
  });

  it('costs the same statements for a page of 2 and a page of 20, and fewer on later pages', async () => {
    const two = await t.counter.count((db) => listIdentities(db, { department: 'Finance', limit: 2 }));
    const twenty = await t.counter.count((db) => listIdentities(db, { department: 'Finance', limit: 20 }));
    const later = await t.counter.count((db) =>
      listIdentities(db, { department: 'Finance', limit: 20, cursor: twenty.result.nextCursor! }),
    );
    expect(twenty.result.items).toHaveLength(20);
    expect(two.statements).toBeGreaterThan(0);
    expect(twenty.statements).toBe(two.statements);
    expect(later.result.items).toHaveLength(5);
    expect(later.statements).toBe(twenty.statements - 2);
  });
});
