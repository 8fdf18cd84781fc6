import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inItemTransaction, inTransaction, Prisma } from '@/server/db/client.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { queryJson } from './query-json.ts';

// queryJson (readTogether's reader, and the submission's request statement) sends its statement past
// Prisma: on the client's pool, or on the connection of the transaction inTransaction opened
// (pgQueryOf, docs/decisions/118). Both paths read alike, and a transaction's statements stay in it.

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

const NOT_JSON = Prisma.sql`SELECT json_build_array(1) AS fine, now() AS at`;
const JSON_ROW = Prisma.sql`SELECT json_build_array(1, 'a') AS a, '{"x": [true]}'::jsonb AS b, NULL::json AS c`;

describe('queryJson', () => {
  it('reads json and refuses any other column alike on the pool and in a transaction', async () => {
    const refusal = /json columns only: type 1184 is not json/;
    await expect(queryJson(t.prisma, NOT_JSON)).rejects.toThrow(refusal);
    await expect(inTransaction(t.prisma, (tx) => queryJson(tx, NOT_JSON))).rejects.toThrow(refusal);
    await expect(
      inTransaction(t.prisma, (tx) => inItemTransaction(tx, (s) => queryJson(s, NOT_JSON))),
    ).rejects.toThrow(refusal);
    const row = { a: [1, 'a'], b: { x: [true] }, c: null };
    expect(await queryJson(t.prisma, JSON_ROW)).toEqual([row]);
    expect(await inTransaction(t.prisma, (tx) => queryJson(tx, JSON_ROW))).toEqual([row]);
    // A transaction opened otherwise has no connection it can be sent on: refused, not read through Prisma.
    await expect(t.prisma.$transaction((tx) => queryJson(tx, JSON_ROW))).rejects.toThrow(
      /inTransaction opened/,
    );
  });

  it('runs inside the transaction: undone with it, and refused once it has ended', async () => {
    const write = (key: string) =>
      Prisma.sql`INSERT INTO "SystemSetting" (key, value, "updatedAt") VALUES (${key}, '{"on": true}', now()) RETURNING value`;
    const undone = await inTransaction(t.prisma, async (tx) => {
      expect(await queryJson(tx, write('query-json-undone'))).toEqual([{ value: { on: true } }]);
      throw new Error('the caller fails after the write');
    }).catch((e: Error) => e.message);
    expect(undone).toBe('the caller fails after the write');
    expect(await t.prisma.systemSetting.count({ where: { key: 'query-json-undone' } })).toBe(0);

    let kept: Prisma.TransactionClient | null = null;
    await inTransaction(t.prisma, async (tx) => {
      kept = tx;
      await queryJson(tx, write('query-json-committed'));
    });
    expect(await t.prisma.systemSetting.count({ where: { key: 'query-json-committed' } })).toBe(1);
    // Its connection is back in the pool: a statement there now would run outside any transaction.
    await expect(queryJson(kept!, write('query-json-after'))).rejects.toThrow(/Transaction already closed/);
    expect(await t.prisma.systemSetting.count({ where: { key: 'query-json-after' } })).toBe(0);
  });
});
