import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { bulkInsert } from './bulk-insert.ts';
import { toPgArrayLiteral } from './pg-array-literal.ts';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

const HOSTILE = ['', 'NULL', 'null', ' lead and trail ', 'a,b', '{braces}', 'say "hi"', 'back\\slash', '\\"', 'tab\there', 'line\nbreak', 'Ångström, O\'Neil', '日本語', '😀', '""', ','];

describe('toPgArrayLiteral', () => {
  it('round-trips every value, including empty strings, the word NULL and escapes, through PostgreSQL', async () => {
    const values = [...HOSTILE, null];
    const rows = await t.prisma.$queryRawUnsafe<Array<{ v: string | null; i: bigint }>>(
      'SELECT v, i FROM unnest($1::text[]) WITH ORDINALITY AS x(v, i) ORDER BY i',
      toPgArrayLiteral(values),
    );
    expect(rows.map((r) => r.v)).toEqual(values);
  });

  it('an empty list is an empty array', async () => {
    const [row] = await t.prisma.$queryRawUnsafe<Array<{ n: number }>>('SELECT cardinality($1::text[]) AS n', toPgArrayLiteral([]));
    expect(row!.n).toBe(0);
  });

  it('bulkInsert stores hostile text and JSON exactly', async () => {
    const payloads = HOSTILE.map((s, i) => ({ s, i, nested: { q: '"', b: '\\' } }));
    const ref = `pg-array-${Math.random()}`;
    await bulkInsert(
      t.prisma,
      'AuditEvent',
      [
        { name: 'actorType', type: 'text' },
        { name: 'action', type: 'text' },
        { name: 'entityType', type: 'text' },
        { name: 'entityId', type: 'text' },
        { name: 'metadata', type: 'jsonb' },
        { name: 'subjectId', type: 'uuid' },
      ],
      payloads.map((p) => ['SYSTEM', p.s, 'Test', ref, p, null]),
    );
    const stored = await t.prisma.auditEvent.findMany({ where: { entityId: ref }, orderBy: { id: 'asc' } });
    expect(stored.map((e) => e.action)).toEqual(HOSTILE);
    expect(stored.map((e) => e.metadata)).toEqual(payloads);
    expect(stored.every((e) => e.subjectId === null)).toBe(true);
  });
});
