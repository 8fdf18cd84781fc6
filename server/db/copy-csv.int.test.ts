import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/test-database.ts';
import { Prisma, poolOf } from './client.ts';
import { copyCsv, inlineSql } from './copy-csv.ts';

let t: TTestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

/** Statements of this test's database still running, other than the one asking. */
const running = async (like: string) =>
  Number(
    (
      await t.prisma.$queryRaw<
        Array<{ n: bigint }>
      >`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active' AND query LIKE ${`%${like}%`}`
    )[0]!.n,
  );

describe('copyCsv', () => {
  it('writes the rows as CSV with a header, parameters written in as literals', async () => {
    const who = 'O\'Neil, "Zoë"';
    const sql = Prisma.sql`SELECT ${who}::text AS "Name", ${new Date('2026-03-04T05:06:07.089Z')}::timestamp AS "At", ${7}::int AS "N", NULL AS "Empty"`;
    expect(inlineSql(sql)).toContain(`'O''Neil, "Zoë"'::text`);
    expect(await new Response(copyCsv(t.prisma, async () => [sql])).text()).toBe(
      'Name,At,N,Empty\n"O\'Neil, ""Zoë""",2026-03-04 05:06:07.089,7,\n',
    );
  });

  it('writes several statements in their order, the first one’s header only, from one snapshot', async () => {
    const plan = async (query: (sql: Prisma.Sql) => Promise<unknown[][]>) => {
      const [[n]] = (await query(Prisma.sql`SELECT 4::int`)) as [[number]];
      return Array.from(
        { length: n },
        (_, i) =>
          Prisma.sql`SELECT g AS "N", ${i}::int AS "Part", txid_current_if_assigned() AS "X" FROM generate_series(${i * 3}, ${i * 3 + 2}) g`,
      );
    };
    const lines = (await new Response(copyCsv(t.prisma, plan)).text()).trim().split('\n');
    expect(lines).toEqual([
      'N,Part,X',
      ...Array.from({ length: 12 }, (_, g) => `${g},${Math.floor(g / 3)},`),
    ]);
  });

  it('is not offered inside a transaction, which has no pool of its own', async () => {
    await expect(
      t.prisma.$transaction(async (tx) => copyCsv(tx, async () => [Prisma.sql`SELECT 1`])),
    ).rejects.toThrow(/pool of its own/);
  });

  it('stops the statement and lets its connection go when the reader stops, and reports a failing statement', async () => {
    const pool = poolOf(t.prisma)!;
    const before = pool.totalCount;
    const reader = copyCsv(t.prisma, async () => [
      Prisma.sql`SELECT g, repeat('x', 100) FROM (SELECT generate_series(1, 50000000) AS g) s /* copy-cancel-probe */`,
    ]).getReader();
    expect((await reader.read()).value?.byteLength).toBeGreaterThan(0);
    expect(await running('copy-cancel-probe')).toBe(1);
    await reader.cancel();
    // The server notices the closed connection when it next writes: within moments, not at the end of 50 million rows.
    const deadline = Date.now() + 10_000;
    while ((await running('copy-cancel-probe')) > 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect(await running('copy-cancel-probe')).toBe(0);
    expect(pool.totalCount).toBeLessThanOrEqual(before);

    await expect(
      new Response(
        copyCsv(t.prisma, async () => [
          Prisma.sql`SELECT 1`,
          Prisma.sql`SELECT 1 / (g - 3) FROM generate_series(1, 5) g`,
        ]),
      ).text(),
    ).rejects.toThrow(/division by zero/);
    // Both connections were let go: the pool still answers, and has no client checked out.
    expect(await t.prisma.$queryRaw`SELECT 1 AS one`).toEqual([{ one: 1 }]);
    expect(pool.totalCount - pool.idleCount).toBe(0);
  });
});
