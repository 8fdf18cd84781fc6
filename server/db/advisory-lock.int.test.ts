import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { withAdvisoryLock } from './advisory-lock.ts';
import { createPrismaClient, type TPrisma } from './client.ts';

let t: TTestContext;
let other: TPrisma;
beforeAll(async () => {
  t = await createTestContext();
  // A second client with its own pool: another web process, as far as PostgreSQL can tell.
  other = createPrismaClient(t.url, { max: 3 });
});
afterAll(async () => {
  await other?.$disconnect();
  await t?.close();
});

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('withAdvisoryLock', () => {
  it('lets two clients of one database into the same key one at a time, and different keys at once', async () => {
    const log: string[] = [];
    const section = (name: string) => async () => {
      log.push(`${name} in`);
      await pause(150);
      log.push(`${name} out`);
      return name;
    };
    const results = await Promise.all([
      withAdvisoryLock(t.prisma, 'scim-users:x', section('a')),
      withAdvisoryLock(other, 'scim-users:x', section('b')),
    ]);
    expect(results).toEqual(['a', 'b']);
    expect(log.map((l) => l.split(' ')[1])).toEqual(['in', 'out', 'in', 'out']);

    const parallel: string[] = [];
    await Promise.all([
      withAdvisoryLock(
        t.prisma,
        'k1',
        async () => (parallel.push('1 in'), await pause(150), parallel.push('1 out')),
      ),
      withAdvisoryLock(
        other,
        'k2',
        async () => (parallel.push('2 in'), await pause(150), parallel.push('2 out')),
      ),
    ]);
    expect(parallel.slice(0, 2).every((l) => l.endsWith('in'))).toBe(true);
  });

  it('releases the lock when the work fails', async () => {
    await expect(
      withAdvisoryLock(t.prisma, 'fails', async () => Promise.reject(new Error('boom'))),
    ).rejects.toThrow('boom');
    expect(await withAdvisoryLock(other, 'fails', async () => 'next')).toBe('next');
  });
});
