import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { runAll } from './run-all.ts';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('runAll', () => {
  const tracked = (log: string[]) =>
    [1, 2].map((n) => async () => (log.push(`${n} in`), await pause(50), log.push(`${n} out`), n)) as [
      () => Promise<number>,
      () => Promise<number>,
    ];

  it('runs side by side on a client, one after another inside a transaction', async () => {
    const free: string[] = [];
    expect(await runAll(t.prisma, tracked(free))).toEqual([1, 2]);
    expect(free.slice(0, 2)).toEqual(['1 in', '2 in']);
    const inTx: string[] = [];
    expect(await t.prisma.$transaction((tx) => runAll(tx, tracked(inTx)))).toEqual([1, 2]);
    expect(inTx).toEqual(['1 in', '1 out', '2 in', '2 out']);
  });
});
