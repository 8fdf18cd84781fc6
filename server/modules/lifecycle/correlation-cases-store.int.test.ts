import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '@/server/auth/actor.ts';
import { createCountingContext, type TCountingContext } from '@/server/testing/count-statements.ts';
import { queueCorrelationCases, type TPendingCorrelation } from './correlation-cases-store.ts';

let t: TCountingContext;
beforeAll(async () => {
  t = await createCountingContext();
});
afterAll(async () => {
  await t?.close();
});

const pendingOf = (size: number, sync: number): TPendingCorrelation[] =>
  Array.from({ length: size }, (_, i) => ({
    externalId: `X${i}`,
    record: { externalId: `X${i}`, title: `Title ${sync}` },
    candidateIds: [`00000000-0000-4000-8000-00000000000${sync}`],
    reason: `ambiguous ${sync}`,
  }));

/** A source with `size` records no rule could place, queued by a first sync, then refreshed by a second. */
async function syncTwice(size: number) {
  const source = await t.prisma.identitySource.create({
    data: { key: `hr-${size}`, name: `HR ${size}`, kind: 'HR_CSV' },
  });
  const queue = (sync: number) => (db: typeof t.prisma) =>
    db.$transaction((tx) =>
      queueCorrelationCases(tx, source.id, pendingOf(size, sync), systemActor('SOURCE')),
    );
  await queue(1)(t.prisma);
  const second = await t.counter.count(queue(2));
  const cases = await t.prisma.correlationCase.findMany({
    where: { sourceId: source.id },
    orderBy: { externalId: 'asc' },
  });
  return { second, cases };
}

describe('correlation cases in round trips', () => {
  it('refreshes every open case of a sync in one statement: 2 cases and 20 cost the same', async () => {
    const two = await syncTwice(2);
    const twenty = await syncTwice(20);
    expect(twenty.cases).toHaveLength(20);
    for (const c of twenty.cases) {
      expect(c.status).toBe('OPEN');
      expect(c.record).toMatchObject({ reason: 'ambiguous 2', data: { title: 'Title 2' } });
      expect(c.candidateIds).toEqual(['00000000-0000-4000-8000-000000000002']);
    }
    expect(two.second.statements).toBeGreaterThan(0);
    expect(twenty.second.statements).toBe(two.second.statements);
  });
});
