import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_APP_ROLE } from '@/server/testing/global-setup.ts';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/test-database.ts';
import { copyRows } from './copy-rows.ts';

let t: TTestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  // A table of the test's own: the owner creates it and lets the portal's role write it, as
  // ensureAppRole does for every table a migration adds.
  await t.ownerPrisma.$executeRawUnsafe(`CREATE TABLE "CopyProbe" ("id" int PRIMARY KEY, "text" text)`);
  await t.ownerPrisma.$executeRawUnsafe(`GRANT SELECT, INSERT ON "CopyProbe" TO ${TEST_APP_ROLE}`);
});
afterAll(async () => {
  await t?.drop();
});

describe('copyRows', () => {
  it('writes values as they are, whatever they hold, and null as null', async () => {
    const awkward = ['tab\there', 'line\nbreak\r\n', 'back\\slash \\N', 'Zoë', '', null];
    expect(
      await copyRows(
        t.prisma,
        'CopyProbe',
        ['id', 'text'],
        awkward.map((v, i) => [String(i), v]),
      ),
    ).toBe(true);
    const rows = await t.prisma.$queryRawUnsafe<Array<{ text: string | null }>>(
      `SELECT "text" FROM "CopyProbe" ORDER BY "id"`,
    );
    expect(rows.map((r) => r.text)).toEqual(awkward);
  });

  it('fails the whole batch on a broken row, and the pool goes on working', async () => {
    await expect(
      copyRows(
        t.prisma,
        'CopyProbe',
        ['id', 'text'],
        [
          ['100', 'new'],
          ['0', 'a duplicate key'],
        ],
      ),
    ).rejects.toThrow(/duplicate key/);
    expect(
      await t.prisma.$queryRawUnsafe(`SELECT count(*)::int AS n FROM "CopyProbe" WHERE "id" = 100`),
    ).toEqual([{ n: 0 }]);
  });

  it('leaves a transaction to insert another way', async () => {
    expect(
      await t.prisma.$transaction((tx) => copyRows(tx, 'CopyProbe', ['id', 'text'], [['200', 'x']])),
    ).toBe(false);
  });
});
