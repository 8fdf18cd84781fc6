import { PrismaPg } from '@prisma/adapter-pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createPrismaClient,
  inItemTransaction,
  inTransaction,
  Prisma,
  REPEATABLE,
  type TPrisma,
} from '@/server/db/client.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { queryJson, sendStatement } from './query-json.ts';

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

  it('binds values as Prisma does: a year past 9999, a Decimal, an array of dates', async () => {
    const far = new Date('+010000-01-01T00:00:00.5Z');
    const values = Prisma.sql`SELECT to_json(${far}::timestamp(3)) AS at, to_json(${new Prisma.Decimal('12.50')}::numeric) AS amount,
                                     to_json(${[far, new Date('2026-03-02T09:00:00Z')]}::timestamp(3)[]) AS ats`;
    const prisma = await t.prisma.$queryRaw(values);
    expect(prisma).toEqual([{ at: '10000-01-01T00:00:00.5', amount: 12.5, ats: expect.any(Array) }]);
    expect(await queryJson(t.prisma, values)).toEqual(prisma);
    expect(await inTransaction(t.prisma, (tx) => queryJson(tx, values))).toEqual(prisma);
  });
});

describe('a statement past Prisma, among several transactions', () => {
  const clients: TPrisma[] = [];
  const clientOf = (max: number) => {
    const client = createPrismaClient(t.url, { max });
    clients.push(client);
    return client;
  };
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.$disconnect()));
  });
  const write = (key: string) =>
    Prisma.sql`INSERT INTO "SystemSetting" (key, value, "updatedAt") VALUES (${key}, '{"on": true}', now()) RETURNING value`;

  it('runs on its own transaction’s connection while eight are open', async () => {
    const wide = clientOf(8);
    const where = Prisma.sql`SELECT to_json(pg_backend_pid()) AS pid, to_json(txid_current()) AS txid`;
    let opened = 0;
    let allOpen!: () => void;
    const everyOneOpen = new Promise<void>((resolve) => (allOpen = resolve));
    const seen = await Promise.all(
      Array.from({ length: 8 }, () =>
        inTransaction(
          wide,
          async (tx) => {
            const [prisma] = await tx.$queryRaw<Array<{ pid: number; txid: number }>>(where);
            // Every transaction holds its connection before any goes past Prisma.
            if (++opened === 8) allOpen();
            await everyOneOpen;
            const [past] = await queryJson<{ pid: number; txid: number }>(tx, where);
            return { prisma: prisma!, past: past! };
          },
          { maxWait: 60_000, timeout: 120_000 },
        ),
      ),
    );
    for (const { prisma, past } of seen) expect(past).toEqual(prisma);
    expect(new Set(seen.map((s) => s.prisma.pid)).size).toBe(8);
    expect(new Set(seen.map((s) => s.prisma.txid)).size).toBe(8);
  });

  it('is refused once Prisma’s timeout rolled the transaction back, and writes nothing', async () => {
    let late: unknown = null;
    await inTransaction(
      t.prisma,
      async (tx) => {
        await new Promise((resolve) => setTimeout(resolve, 1_500));
        late = await queryJson(tx, write('query-json-timed-out')).catch((e: Error) => e);
      },
      { timeout: 100 },
    ).catch(() => {});
    expect(String(late)).toMatch(/Transaction already closed/);
    expect(await t.prisma.systemSetting.count({ where: { key: 'query-json-timed-out' } })).toBe(0);
  });

  it('refuses a transaction client kept from an earlier attempt of a repeated transaction', async () => {
    // One connection: the second attempt runs on the connection the first rolled back on.
    const single = clientOf(1);
    let stale: Prisma.TransactionClient | null = null;
    const attempts: string[] = [];
    const refusal = await inTransaction(
      single,
      async (tx) => {
        if (!stale) {
          stale = tx;
          attempts.push('conflict');
          await tx.$executeRawUnsafe(
            `DO $$ BEGIN RAISE EXCEPTION 'met another' USING ERRCODE = '40001'; END $$`,
          );
        }
        attempts.push('again');
        return queryJson(stale, write('query-json-stale')).then(
          () => null,
          (e: Error) => e.message,
        );
      },
      REPEATABLE,
    );
    expect(attempts).toEqual(['conflict', 'again']);
    expect(refusal).toMatch(/Transaction already closed/);
    expect(await single.systemSetting.count({ where: { key: 'query-json-stale' } })).toBe(0);
  });

  it('says so when the adapter no longer shows which connection a transaction runs on', async () => {
    // An adapter upgrade that renames its transaction's private `client`: simulated by hiding it.
    const connect = Object.getOwnPropertyDescriptor(PrismaPg.prototype, 'connect')!.value as (
      this: PrismaPg,
    ) => ReturnType<PrismaPg['connect']>;
    const spy = vi.spyOn(PrismaPg.prototype, 'connect').mockImplementation(async function (this: PrismaPg) {
      const adapter = await connect.call(this);
      const start = adapter.startTransaction.bind(adapter);
      adapter.startTransaction = async (isolationLevel) => {
        const transaction = await start(isolationLevel);
        return new Proxy(transaction, {
          get: (target, key) => {
            if (key === 'client') return undefined;
            const value = Reflect.get(target, key, target) as unknown;
            return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
          },
        });
      };
      return adapter;
    });
    try {
      const sent = inTransaction(clientOf(2), (tx) => sendStatement(tx, write('query-json-renamed')));
      await expect(sent).rejects.toThrow(/@prisma\/adapter-pg internals changed: no connection recorded/);
    } finally {
      spy.mockRestore();
    }
    expect(await t.prisma.systemSetting.count({ where: { key: 'query-json-renamed' } })).toBe(0);
  });
});
