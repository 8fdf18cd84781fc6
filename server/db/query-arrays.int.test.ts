import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/test-database.ts';
import { Prisma } from './client.ts';
import { queryArrays } from './query-arrays.ts';

let t: TTestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

/** One row of every type the reports read, and a row of nulls. */
const sample = Prisma.sql`
  SELECT * FROM (VALUES
    ('Zoë ''O''Neil', '5b2c4d9e-0f1a-4b3c-8d7e-6f5a4b3c2d1e'::uuid, 'HIGH'::"RiskLevel", TRUE, 42, 9007199254740993::int8,
     '2026-03-04 05:06:07.089'::timestamp(3), '2026-03-04 05:06:07.089+02'::timestamptz),
    (NULL, NULL, NULL, FALSE, NULL, NULL, NULL, NULL)
  ) v("text", "uuid", "enum", "bool", "int4", "int8", "timestamp", "timestamptz")`;

describe('queryArrays', () => {
  it('reads each column as Prisma would, through the pool and inside a transaction alike', async () => {
    const expected = [
      [
        "Zoë 'O'Neil",
        '5b2c4d9e-0f1a-4b3c-8d7e-6f5a4b3c2d1e',
        'HIGH',
        true,
        42,
        9007199254740993n,
        new Date('2026-03-04T05:06:07.089Z'),
        new Date('2026-03-04T03:06:07.089Z'),
      ],
      [null, null, null, false, null, null, null, null],
    ];
    expect(await queryArrays(t.prisma, sample)).toEqual(expected);
    expect(await t.prisma.$transaction((tx) => queryArrays(tx, sample))).toEqual(expected);
  });

  it('refuses a type it does not read, failing the query and not the process', async () => {
    await expect(queryArrays(t.prisma, Prisma.sql`SELECT '{"a":1}'::jsonb AS "j"`)).rejects.toThrow(
      /type 3802/,
    );
    expect(await queryArrays(t.prisma, Prisma.sql`SELECT 1 AS "one"`)).toEqual([[1]]);
  });
});
