import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TUserActor } from '@/server/auth/actor.ts';
import {
  createApplication,
  createEntitlement,
  createGrant,
  createIdentity,
} from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';

/*
 * The reviewer's read side over a campaign the engine created and started (manager, then owner):
 * the snapshot it wrote reads back in the queue, and "done of total" follows the decisions sent
 * through reviews.decide, for the manager, the owner and the campaign.
 */
let t: TTestContext;
const as: Record<'ida' | 'mark' | 'olga' | 'max', TUserActor> = {} as never;
const ids: Record<string, string> = {};
const DAY = 86_400_000;

const api = (who: keyof typeof as) => t.caller(as[who]);

beforeAll(async () => {
  t = await createTestContext();
  const person = (firstName: string, o: Parameters<typeof createIdentity>[1] = {}) =>
    createIdentity(t.prisma, {
      firstName,
      lastName: 'Test',
      displayName: `${firstName} Test`,
      title: 'Analyst',
      ...o,
    });
  const ida = await person('Ida', { portalRoles: ['IDENTITY_ADMIN'] });
  const mark = await person('Mark');
  const olga = await person('Olga');
  const max = await person('Max');
  for (const [k, p] of Object.entries({ ida, mark, olga, max }))
    as[k as keyof typeof as] = await t.actor(p.id);
  const reports = [
    await person('Ana', { managerId: mark.id }),
    await person('Ben', { managerId: mark.id }),
    await person('Cy', { managerId: mark.id }),
  ];
  await person('Dee', { managerId: max.id });
  const app = await createApplication(t.prisma, { name: 'Ledger' });
  const post = await createEntitlement(t.prisma, app.id, {
    name: 'Ledger Post',
    ownerId: olga.id,
    risk: 'HIGH',
  });
  for (const p of reports)
    await createGrant(t.prisma, {
      identityId: p.id,
      entitlementId: post.id,
      source: 'REQUEST',
      startsAt: new Date(Date.now() - DAY),
    });
  [ids.ana, ids.ben, ids.cy] = reports.map((p) => p.id) as [string, string, string];

  const now = Date.now();
  const { id } = await api('ida').reviews.createCampaign({
    name: 'Ledger certification',
    scope: { entitlementIds: [post.id] },
    stages: [{ reviewerKind: 'MANAGER' }, { reviewerKind: 'OWNER' }],
    startsAt: new Date(now - 60_000),
    dueAt: new Date(now + 14 * DAY),
  });
  ids.campaign = id;
  expect(await api('ida').reviews.startCampaign({ id })).toMatchObject({ status: 'ACTIVE', items: 3 });
});

afterAll(async () => {
  await t.close();
});

const progress = async (who: keyof typeof as) =>
  (await api(who).reviews.myCampaigns()).find((c) => c.id === ids.campaign);

describe('the queue over a campaign the engine started', () => {
  it('shows the manager their reports’ items with the snapshot the engine wrote', async () => {
    const { rows, total } = await api('mark').reviews.myQueue({ campaignId: ids.campaign });
    expect(total).toBe(3);
    expect(rows.map((r) => r.person.displayName)).toEqual(['Ana Test', 'Ben Test', 'Cy Test']);
    const ana = rows[0]!;
    expect(ana).toMatchObject({
      risk: 'HIGH',
      stage: 1,
      entitlement: { name: 'Ledger Post' },
      application: { name: 'Ledger' },
      campaign: { name: 'Ledger certification' },
    });
    expect(ana.context.why).toEqual(expect.any(String));
    expect(ana.context.peers.manager).toEqual({ count: 2, names: ['Ben Test', 'Cy Test'] });
    expect(ana.context.sod).toEqual([]);
    expect(await progress('mark')).toMatchObject({
      mine: { done: 0, total: 3 },
      overall: { done: 0, total: 3 },
    });
    expect((await api('max').reviews.myQueue({})).rows).toEqual([]);
    expect((await api('olga').reviews.myQueue({})).rows).toEqual([]);
  });

  it('counts the manager’s decisions as done and hands the kept ones to the owner', async () => {
    const { rows } = await api('mark').reviews.myQueue({ campaignId: ids.campaign });
    const idOf = (personId: string) => rows.find((r) => r.person.id === personId)!.id;
    const kept = await api('mark').reviews.decide({
      itemIds: [idOf(ids.ana!), idOf(ids.ben!)],
      decision: 'KEEP',
      comment: 'Month-end close',
    });
    expect(kept).toEqual({ applied: expect.arrayContaining([idOf(ids.ana!), idOf(ids.ben!)]), refused: [] });
    const revoked = await api('mark').reviews.decide({ itemIds: [idOf(ids.cy!)], decision: 'REVOKE' });
    expect(revoked.refused).toEqual([]);

    expect(await progress('mark')).toMatchObject({
      mine: { done: 3, total: 3 },
      overall: { done: 1, total: 3 },
    });
    expect((await api('mark').reviews.myQueue({ campaignId: ids.campaign })).rows).toEqual([]);
    const done = await api('mark').reviews.myQueue({ campaignId: ids.campaign, status: 'DONE' });
    expect(done.rows.map((r) => [r.person.displayName, r.status, r.lastDecision?.decision])).toEqual([
      ['Ana Test', 'PENDING', 'KEEP'],
      ['Ben Test', 'PENDING', 'KEEP'],
      ['Cy Test', 'REVOKED', 'REVOKE'],
    ]);

    const owner = await api('olga').reviews.myQueue({});
    expect(owner.rows.map((r) => [r.person.displayName, r.stage])).toEqual([
      ['Ana Test', 2],
      ['Ben Test', 2],
    ]);
    expect(await progress('olga')).toMatchObject({ mine: { done: 0, total: 2 } });
    expect((await api('olga').me.get()).reviews).toEqual({ hasReviews: true, waiting: 2 });
    expect((await api('mark').me.get()).reviews).toEqual({ hasReviews: true, waiting: 0 });
  });
});
