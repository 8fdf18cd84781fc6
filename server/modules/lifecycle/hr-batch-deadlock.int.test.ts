import { afterAll, beforeAll, expect, it } from 'vitest';
import { createIdentity } from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { watchLockWaits, withTwoConnections } from '@/server/testing/two-connections.ts';
import { ingestSourceRecords } from './ingest-source-records.ts';

/*
 * An HR batch that meets a submission's hold (docs/decisions/115): the hold takes its people FOR KEY
 * SHARE, the batch's stopActing takes the people who stop acting FOR UPDATE in id order. When the two
 * take the same two people in opposite orders, PostgreSQL undoes one of them (40P01). The submission
 * is run again (isRepeatable); so must the batch be, or the HR run stops with the batch unapplied.
 * The victim is the transaction whose wait began first (its deadlock check runs first): here the
 * batch, made to wait by a raw connection holding what the hold holds. Set up by lock waits.
 */
let t: TTestContext;
let hr: string;
beforeAll(async () => {
  t = await createTestContext();
  hr = (
    await t.prisma.identitySource.create({
      data: { key: 'hr-deadlock', name: 'HR', kind: 'HR_CSV', precedence: 10 },
    })
  ).id;
});
afterAll(async () => {
  await t?.close();
});

it('runs an HR batch again when a submission’s hold makes it a deadlock’s victim', async () => {
  const people = [
    await createIdentity(t.prisma, { employeeNumber: 'D-1' }),
    await createIdentity(t.prisma, { employeeNumber: 'D-2' }),
  ].sort((a, b) => (a.id < b.id ? -1 : 1));
  const [low, high] = people as [(typeof people)[0], (typeof people)[0]];
  const outcomes = await withTwoConnections(t.url, async (hold, observer) => {
    const { waiting, until } = watchLockWaits(observer);
    await hold.query('BEGIN');
    // The hold has the later person; the batch locks the earlier one and waits for the later one.
    await hold.query(`SELECT id FROM "Identity" WHERE id = $1 FOR KEY SHARE`, [high.id]);
    const batch = ingestSourceRecords(
      t.prisma,
      { id: hr, origin: 'HR_CSV' },
      people.map((p) => ({
        externalId: p.employeeNumber!,
        employeeNumber: p.employeeNumber!,
        status: 'TERMINATED' as const,
      })),
      { queue: t.queue },
    );
    batch.catch(() => {});
    await until(async () => (await waiting()) >= 1);
    // Now the hold asks for the earlier person, which the batch holds FOR UPDATE: a deadlock whose
    // check runs first in the batch (it has waited longer), so the batch is undone and the hold goes on.
    await hold.query(`SELECT id FROM "Identity" WHERE id = $1 FOR KEY SHARE`, [low.id]);
    await hold.query('COMMIT');
    return batch;
  });

  expect(outcomes).toHaveLength(2);
  const statuses = await t.prisma.identity.findMany({
    where: { id: { in: people.map((p) => p.id) } },
    select: { status: true },
  });
  expect(statuses.map((s) => s.status)).toEqual(['TERMINATED', 'TERMINATED']);
});
