import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdentity } from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';

// pg 8 warns (and pg 9 will refuse) when a client is sent a query while it still runs one. Prisma's
// query interpreter does that on a transaction's connection (it loads relations side by side), and so
// would a Promise.all over a transaction client. server/db/client.ts queues them on the connection.

let t: TTestContext;
const warnings: string[] = [];
const onWarning = (warning: Error) => warnings.push(warning.message);

beforeAll(async () => {
  t = await createTestContext();
  process.on('warning', onWarning);
});
afterAll(async () => {
  process.off('warning', onWarning);
  await t?.close();
});

describe('queries side by side on one transaction', () => {
  it('run one after the other without pg’s "already executing" deprecation, with the same results', async () => {
    const manager = await createIdentity(t.prisma, {});
    const report = await createIdentity(t.prisma, { managerId: manager.id, portalRoles: ['IDENTITY_ADMIN'] });
    const [count, people, [slept]] = await t.prisma.$transaction(async (tx) =>
      Promise.all([
        tx.identity.count(),
        tx.identity.findMany({
          where: { id: report.id },
          include: { manager: true, portalRoles: true, reports: true },
        }),
        tx.$queryRaw<Array<{ ok: number }>>`SELECT 1 AS ok FROM pg_sleep(0.05)`,
      ]),
    );
    // The warning is emitted on a later tick.
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings.filter((w) => w.includes('already executing'))).toEqual([]);
    expect(count).toBe(2);
    expect(people).toMatchObject([
      { manager: { id: manager.id }, portalRoles: [{ role: 'IDENTITY_ADMIN' }], reports: [] },
    ]);
    expect(slept).toEqual({ ok: 1 });
  });
});
