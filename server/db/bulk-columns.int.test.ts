import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { BULK_COLUMNS, type TColumnTypes } from './bulk-columns.ts';
import { insertRows } from './bulk-insert.ts';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

/** What format_type() calls the SQL types BULK_COLUMNS names. */
const AS_FORMATTED: Record<string, string> = { 'timestamp(3)': 'timestamp(3) without time zone' };

describe('BULK_COLUMNS', () => {
  it('names each column with the SQL type the database gives it', async () => {
    const actual = await t.prisma.$queryRaw<Array<{ table: string; column: string; type: string }>>`
      SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type
        FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = current_schema() AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped`;
    const typeOf = new Map(actual.map((r) => [`${r.table}.${r.column}`, r.type]));
    const declared = Object.entries(BULK_COLUMNS).flatMap(([table, columns]) =>
      Object.entries(columns).map(([column, type]: [string, string]) => ({
        column: `${table}.${column}`,
        type: AS_FORMATTED[type] ?? type,
      })),
    );
    expect(declared.length).toBeGreaterThan(40);
    expect(declared.map((d) => ({ column: d.column, type: typeOf.get(d.column) ?? 'missing' }))).toEqual(
      declared,
    );
  });
});

describe('insertRows', () => {
  it('inserts typed rows into the columns their keys name', async () => {
    const id = crypto.randomUUID();
    const now = new Date('2026-02-03T04:05:06.007Z');
    await insertRows(t.prisma, 'Identity', [
      {
        id,
        username: `bulk-${id}`,
        email: `bulk-${id}@example.com`,
        firstName: 'Bulk',
        lastName: 'Row',
        displayName: 'Bulk Row',
        costCenter: null,
        employmentType: 'CONTRACTOR',
        startDate: '2026-01-05',
        attributes: { nested: ['a', null] },
        updatedAt: now,
      },
    ]);
    const row = await t.prisma.identity.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({
      employmentType: 'CONTRACTOR',
      costCenter: null,
      startDate: new Date('2026-01-05T00:00:00.000Z'),
      attributes: { nested: ['a', null] },
      updatedAt: now,
    });
  });

  it('refuses, when the code compiles, a column or value the schema does not have', () => {
    // Never run: the type checker (`npm run typecheck`) proves each line is refused.
    const refused = () => [
      // @ts-expect-error a table the bulk inserts do not write
      insertRows(t.prisma, 'Nope', []),
      // @ts-expect-error a column Identity does not have
      insertRows(t.prisma, 'Identity', [{ id: 'x', costCentre: 'CC-1' }]),
      // @ts-expect-error a value that is not one of the enum's
      insertRows(t.prisma, 'Identity', [{ id: 'x', employmentType: 'FREELANCER' }]),
      // @ts-expect-error a number for a text column
      insertRows(t.prisma, 'Grant', [{ id: 'x', sourceRef: 42 }]),
    ];
    expect(typeof refused).toBe('function');
  });

  it('refuses, when the code compiles, a column list that does not fit the schema', () => {
    const wrong: TColumnTypes[] = [
      // @ts-expect-error a column Identity does not have
      { Identity: { costCentre: 'text' } },
      // @ts-expect-error a date column declared as JSON
      { Identity: { startDate: 'jsonb' } },
      // @ts-expect-error an enum column cast to another enum
      { Grant: { source: '"GrantStatus"' } },
    ];
    expect(wrong).toHaveLength(3);
  });
});
