import type { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApplication,
  createEntitlement,
  createGrant,
  createIdentity,
} from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';

const DAY = 86_400_000;
let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

const errorOf = async (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as TRPCError,
  );

describe('reviews procedures', () => {
  it('run a campaign end to end through tRPC, and answer a caller’s mistakes with clear errors, never a 500', async () => {
    const ivy = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });
    const mark = await createIdentity(t.prisma, { firstName: 'Mark' });
    const ana = await createIdentity(t.prisma, { firstName: 'Ana', managerId: mark.id });
    const app = await createApplication(t.prisma);
    const ledger = await createEntitlement(t.prisma, app.id, { name: 'Ledger Post' });
    await createGrant(t.prisma, {
      identityId: ana.id,
      entitlementId: ledger.id,
      startsAt: new Date(Date.now() - DAY),
    });
    const admin = await t.callerFor(ivy.id);
    const now = new Date();
    const input = {
      name: 'Ledger Q1',
      scope: { entitlementIds: [ledger.id] },
      stages: [{ reviewerKind: 'MANAGER' as const }],
      startsAt: now,
      dueAt: new Date(now.getTime() + 7 * DAY),
    };

    const created = await admin.reviews.createCampaign({ ...input, draft: true });
    expect(created).toMatchObject({ status: 'DRAFT' });
    expect(
      await admin.reviews.updateCampaign({
        ...input,
        id: created.id,
        name: 'Ledger Q1 2027',
        undecidedAction: 'ESCALATE',
      }),
    ).toEqual({ id: created.id, status: 'DRAFT' });
    expect(await admin.reviews.startCampaign({ id: created.id })).toMatchObject({
      status: 'ACTIVE',
      started: true,
      items: 1,
    });
    const item = await t.prisma.reviewItem.findFirstOrThrow({ where: { campaignId: created.id } });

    const manager = await t.callerFor(mark.id);
    expect(
      await manager.reviews.decide({ itemIds: [item.id], decision: 'KEEP', comment: 'Posts journals' }),
    ).toEqual({ applied: [item.id], refused: [] });
    expect(await admin.reviews.closeCampaign({ id: created.id })).toMatchObject({
      status: 'CLOSED',
      kept: 1,
      pending: 0,
    });

    // Mistakes: bad input, wrong state, no permission.
    expect((await errorOf(manager.reviews.decide({ itemIds: ['nope'], decision: 'KEEP' })))?.code).toBe(
      'BAD_REQUEST',
    );
    expect((await errorOf(manager.reviews.decide({ itemIds: [item.id], decision: 'REASSIGN' })))?.code).toBe(
      'BAD_REQUEST',
    );
    expect((await errorOf(manager.reviews.decide({ itemIds: [], decision: 'KEEP' })))?.code).toBe(
      'BAD_REQUEST',
    );
    expect((await errorOf(admin.reviews.createCampaign({ ...input, dueAt: now })))?.code).toBe('BAD_REQUEST');
    expect((await errorOf(admin.reviews.createCampaign({ ...input, name: 'x'.repeat(201) })))?.code).toBe(
      'BAD_REQUEST',
    );
    expect(
      (await errorOf(admin.reviews.startCampaign({ id: '00000000-0000-4000-8000-000000000000' })))?.code,
    ).toBe('NOT_FOUND');
    expect((await errorOf(admin.reviews.cancelCampaign({ id: created.id })))?.code).toBe('CONFLICT');
    expect((await errorOf(manager.reviews.createCampaign(input)))?.code).toBe('FORBIDDEN');
    expect((await errorOf(manager.reviews.saveMoverSettings({ mode: 'REVIEW', days: 7 })))?.code).toBe(
      'FORBIDDEN',
    );
    expect((await errorOf(admin.reviews.saveMoverSettings({ mode: 'REVIEW', days: 0 })))?.code).toBe(
      'BAD_REQUEST',
    );
    expect(await admin.reviews.saveMoverSettings({ mode: 'REVIEW', days: 10 })).toEqual({
      mode: 'REVIEW',
      days: 10,
    });
    expect(await admin.reviews.getMoverSettings()).toEqual({ mode: 'REVIEW', days: 10 });
    expect(await t.prisma.reviewCampaign.count()).toBe(1);
  });
});
