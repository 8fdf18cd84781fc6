import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdentity } from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { notify } from './notify.ts';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

describe('notify', () => {
  it('keeps every notification in the app but emails only people who may act', async () => {
    const people = await Promise.all(
      (['ACTIVE', 'SUSPENDED', 'PREHIRE', 'TERMINATED'] as const).map((status) =>
        createIdentity(t.prisma, { username: `n-${status.toLowerCase()}`, status }),
      ),
    );
    await notify(
      t.prisma,
      people.map((p) => ({ recipientId: p.id, kind: 'TEST', title: 'Only for people who can act' })),
      { queue: t.queue },
    );
    expect(await t.prisma.notification.count({ where: { title: 'Only for people who can act' } })).toBe(4);
    const emailed = await t.prisma.$queryRaw<
      Array<{ to: string }>
    >`SELECT data->>'to' AS "to" FROM pgboss.job WHERE name = 'notifications.email' AND data->>'subject' = 'Only for people who can act'`;
    expect(emailed.map((e) => e.to)).toEqual([people[0]!.email]);
  });
});
