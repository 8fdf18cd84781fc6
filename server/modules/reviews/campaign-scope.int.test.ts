import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TUserActor } from '@/server/auth/actor.ts';
import {
  createApplication,
  createEntitlement,
  createGrant,
  createIdentity,
  createRole,
  createSodRule,
  createTeam,
} from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { campaignScopeSchema, selectScopedGrants, type TCampaignScopeInput } from './campaign-scope.ts';
import { createCampaign } from './create-campaign.ts';
import { startCampaign } from './start-campaign.ts';
import { updateCampaign } from './update-campaign.ts';
import type { TReviewItemContext } from './item-context.ts';

const DAY = 86_400_000;
let t: TTestContext;
let admin: TUserActor;
beforeAll(async () => {
  t = await createTestContext();
  admin = await t.actor(
    (await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'], firstName: 'Ivy' })).id,
  );
});
afterAll(async () => {
  await t?.close();
});

/** Two applications, a role bundling one of B's groups, a high-risk role, people with and without a manager. */
async function world() {
  const mgr = await createIdentity(t.prisma, { firstName: 'Mark', department: 'Finance' });
  const p1 = await createIdentity(t.prisma, {
    firstName: 'Pia',
    managerId: mgr.id,
    department: 'Finance',
    title: 'Accountant',
  });
  const p2 = await createIdentity(t.prisma, {
    firstName: 'Paul',
    department: 'Finance',
    title: 'Accountant',
  });
  const appA = await createApplication(t.prisma, { name: 'Ledger' });
  const appB = await createApplication(t.prisma, { name: 'Payroll' });
  const a1 = await createEntitlement(t.prisma, appA.id, { name: 'Ledger Read' });
  const a2 = await createEntitlement(t.prisma, appA.id, { name: 'Ledger Post', risk: 'HIGH' });
  const b1 = await createEntitlement(t.prisma, appB.id, { name: 'Payroll Run' });
  const role = await createRole(t.prisma, { entitlementIds: [b1.id], name: 'Payroll Clerk' });
  const risky = await createRole(t.prisma, { entitlementIds: [], name: 'Treasury', risk: 'HIGH' });
  const g = {
    p1a1: await createGrant(t.prisma, {
      identityId: p1.id,
      entitlementId: a1.id,
      source: 'REQUEST',
      startsAt: new Date(Date.now() - 200 * DAY),
    }),
    p2a2: await createGrant(t.prisma, { identityId: p2.id, entitlementId: a2.id, source: 'ADMIN' }),
    p1b1: await createGrant(t.prisma, { identityId: p1.id, entitlementId: b1.id }),
    p1role: await createGrant(t.prisma, { identityId: p1.id, roleId: role.id }),
    p2risky: await createGrant(t.prisma, { identityId: p2.id, roleId: risky.id }),
    // Out of every scope: a birthright, and a grant that has ended.
    p2a1birthright: await createGrant(t.prisma, {
      identityId: p2.id,
      entitlementId: a1.id,
      source: 'BIRTHRIGHT',
    }),
    p1a2ended: await createGrant(t.prisma, { identityId: p1.id, entitlementId: a2.id }),
  };
  await t.prisma.grant.update({
    where: { id: g.p1a2ended.id },
    data: { status: 'REVOKED', revokedAt: new Date() },
  });
  return { mgr, p1, p2, appA, appB, a1, a2, b1, role, risky, g };
}

const select = async (scope: TCampaignScopeInput, now = new Date()) =>
  (await selectScopedGrants(t.prisma, campaignScopeSchema.parse(scope), now)).map((g) => g.id).sort();
const ids = (...grants: Array<{ id: string }>) => grants.map((g) => g.id).sort();

describe('campaign scope', () => {
  it('selects by application, entitlement (with roles bundling it) and role; never a birthright or an ended grant', async () => {
    const w = await world();
    expect(await select({ applicationIds: [w.appA.id] })).toEqual(ids(w.g.p1a1, w.g.p2a2));
    expect(await select({ entitlementIds: [w.b1.id] })).toEqual(ids(w.g.p1b1, w.g.p1role));
    expect(await select({ applicationIds: [w.appB.id] })).toEqual(ids(w.g.p1b1, w.g.p1role));
    expect(await select({ roleIds: [w.risky.id] })).toEqual(ids(w.g.p2risky));
  });

  it('narrows to managers’ direct reports, and to high-risk access', async () => {
    const w = await world();
    expect(await select({ applicationIds: [w.appA.id], managersReports: true })).toEqual(ids(w.g.p1a1));
    expect(await select({ applicationIds: [w.appA.id], highRiskOnly: true })).toEqual(ids(w.g.p2a2));
    expect(
      await select({ applicationIds: [w.appA.id, w.appB.id], roleIds: [w.risky.id], highRiskOnly: true }),
    ).toEqual(ids(w.g.p2a2, w.g.p2risky));
  });

  it('leaves out access certified within N days: kept 10 days ago is out of a 30-day scope, kept 100 days ago is in', async () => {
    const w = await world();
    const now = new Date();
    const past = await t.prisma.reviewCampaign.create({
      data: {
        name: 'Last quarter',
        status: 'CLOSED',
        startsAt: new Date(now.getTime() - 120 * DAY),
        dueAt: new Date(now.getTime() - 90 * DAY),
      },
    });
    for (const [grant, days] of [
      [w.g.p1a1, 10],
      [w.g.p2a2, 100],
    ] as const) {
      const item = await t.prisma.reviewItem.create({
        data: {
          campaignId: past.id,
          grantId: grant.id,
          identityId: grant.identityId,
          entitlementId: grant.entitlementId,
          status: 'KEPT',
          decidedAt: new Date(now.getTime() - days * DAY),
        },
      });
      await t.prisma.reviewDecision.create({
        data: {
          itemId: item.id,
          stage: 1,
          decision: 'KEEP',
          deciderId: w.mgr.id,
          decidedAt: new Date(now.getTime() - days * DAY),
        },
      });
    }
    expect(await select({ applicationIds: [w.appA.id], notReviewedDays: 30 }, now)).toEqual(ids(w.g.p2a2));
    expect(await select({ applicationIds: [w.appA.id], notReviewedDays: 5 }, now)).toEqual(
      ids(w.g.p1a1, w.g.p2a2),
    );
    expect(await select({ applicationIds: [w.appA.id], notReviewedDays: 365 }, now)).toEqual([]);
  });
});

describe('starting a campaign', () => {
  it('snapshots one item per grant with its context and advice; later access is not added; starting twice does nothing', async () => {
    const w = await world();
    const now = new Date(Date.now() + 1000);
    // Pia signed in to the Ledger 120 days ago; Paul's use is unknown (the target does not tell).
    const account = await t.prisma.account.create({
      data: { applicationId: w.appA.id, identityId: w.p1.id, username: `pia-${w.p1.id.slice(0, 6)}` },
    });
    await t.prisma.observedAccount.create({
      data: {
        applicationId: w.appA.id,
        stableId: account.id,
        nativeId: account.username,
        username: account.username,
        enabled: true,
        accountId: account.id,
        lastUsedAt: new Date(now.getTime() - 120 * DAY),
      },
    });
    await createSodRule(t.prisma, {
      name: 'Read vs post',
      sideA: [{ entitlementId: w.a1.id }],
      sideB: [{ entitlementId: w.a2.id }],
    });
    const sam = await createIdentity(t.prisma, { firstName: 'Sam', department: 'Finance' });
    await createGrant(t.prisma, {
      identityId: sam.id,
      entitlementId: w.a1.id,
      startsAt: new Date(now.getTime() - DAY),
    });
    await createGrant(t.prisma, {
      identityId: sam.id,
      entitlementId: w.a2.id,
      startsAt: new Date(now.getTime() - DAY),
    });

    // Its start has come: it starts as it is created, and starting it again adds nothing.
    const { id, status } = await createCampaign(
      t.prisma,
      admin,
      {
        name: 'Ledger Q1',
        scope: { applicationIds: [w.appA.id] },
        stages: [{ reviewerKind: 'MANAGER' }],
        startsAt: now,
        dueAt: new Date(now.getTime() + 14 * DAY),
      },
      { queue: t.queue, now },
    );
    expect(status).toBe('ACTIVE');
    const started = await startCampaign(t.prisma, admin, { id }, { queue: t.queue, now });
    expect(started).toMatchObject({ status: 'ACTIVE', started: false, items: 4 });

    const items = await t.prisma.reviewItem.findMany({ where: { campaignId: id } });
    const of = (grantId: string) => items.find((i) => i.grantId === grantId)!;
    const pia = of(w.g.p1a1.id);
    const ctx = pia.context as unknown as TReviewItemContext;
    expect(pia).toMatchObject({ stage: 1, status: 'PENDING', reviewerId: w.mgr.id, reviewerTeamId: null });
    expect(ctx).toMatchObject({
      item: { kind: 'ENTITLEMENT', name: 'Ledger Read', application: 'Ledger', risk: 'LOW' },
      source: 'REQUEST',
      lastUsedAt: new Date(now.getTime() - 120 * DAY).toISOString(),
      fallback: null,
    });
    // Others in Finance holding it: Sam, and Paul by birthright.
    expect(ctx.peers.department).toEqual({ count: 2, names: [w.p2.displayName, sam.displayName].sort() });
    expect(pia.recommendation).toBe('No sign-in for 120 days');
    // Paul has no manager: the identity team reviews. His use is unknown, not dormant.
    const paul = of(w.g.p2a2.id);
    expect(paul).toMatchObject({ reviewerId: null, reviewerTeamId: null });
    expect(paul.context).toMatchObject({
      lastUsedAt: null,
      fallback: 'The person has no manager who can act',
      item: { risk: 'HIGH' },
    });
    // Sam holds both sides of the SoD rule: both of his items say so.
    expect(
      of(items.find((i) => i.identityId === sam.id && i.entitlementId === w.a2.id)!.grantId).context,
    ).toMatchObject({ sod: [{ rule: 'Read vs post' }] });
    expect(
      await t.prisma.notification.count({ where: { recipientId: w.mgr.id, kind: 'review.assigned' } }),
    ).toBe(1);

    await createGrant(t.prisma, { identityId: w.p2.id, entitlementId: w.a1.id, source: 'REQUEST' });
    expect(await startCampaign(t.prisma, admin, { id }, { queue: t.queue, now })).toMatchObject({
      started: false,
      items: 4,
    });
    expect(await t.prisma.reviewItem.count({ where: { campaignId: id } })).toBe(4);
    await expect(
      updateCampaign(
        t.prisma,
        admin,
        {
          id,
          name: 'Changed',
          stages: [{ reviewerKind: 'OWNER' }],
          startsAt: now,
          dueAt: new Date(now.getTime() + DAY),
        },
        { queue: t.queue, now },
      ),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('sends items to the owner, a team or a named person, and to the identity team when the reviewer would be the person', async () => {
    const w = await world();
    const owner = await createIdentity(t.prisma, { firstName: 'Olga' });
    await t.prisma.entitlement.update({ where: { id: w.a2.id }, data: { ownerId: w.p2.id } });
    await t.prisma.application.update({ where: { id: w.appA.id }, data: { ownerId: owner.id } });
    const now = new Date();
    const start = async (stages: Parameters<typeof createCampaign>[2]['stages']) => {
      const { id } = await createCampaign(
        t.prisma,
        admin,
        {
          name: 'Stage test',
          scope: { applicationIds: [w.appA.id] },
          stages,
          startsAt: now,
          dueAt: new Date(now.getTime() + DAY),
        },
        { queue: t.queue, now },
      );
      await startCampaign(t.prisma, admin, { id }, { queue: t.queue, now });
      return t.prisma.reviewItem.findMany({ where: { campaignId: id }, orderBy: { grantId: 'asc' } });
    };
    // The Ledger Post owner is Paul, who holds it: his own item goes to the identity team. Ledger Read falls back to the application's owner.
    const byOwner = await start([{ reviewerKind: 'OWNER' }]);
    expect(byOwner.find((i) => i.grantId === w.g.p2a2.id)).toMatchObject({
      reviewerId: null,
      reviewerTeamId: null,
    });
    expect(byOwner.find((i) => i.grantId === w.g.p1a1.id)).toMatchObject({ reviewerId: owner.id });
    const team = await createTeam(t.prisma, { memberIds: [owner.id, w.p1.id] });
    expect(
      (await start([{ reviewerKind: 'TEAM', teamId: team.id }])).every((i) => i.reviewerTeamId === team.id),
    ).toBe(true);
    const named = await start([{ reviewerKind: 'PERSON', reviewerId: w.p1.id }]);
    expect(named.find((i) => i.grantId === w.g.p1a1.id)).toMatchObject({ reviewerId: null });
    expect(named.find((i) => i.grantId === w.g.p2a2.id)).toMatchObject({ reviewerId: w.p1.id });
  });

  it('refuses a campaign that cannot work, and changes nothing', async () => {
    const now = new Date();
    const before = await t.prisma.reviewCampaign.count();
    const base = {
      name: 'Bad',
      stages: [{ reviewerKind: 'MANAGER' as const }],
      startsAt: now,
      dueAt: new Date(now.getTime() + DAY),
    };
    await expect(
      createCampaign(t.prisma, admin, { ...base, dueAt: now }, { queue: t.queue, now }),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: 'dueAt: must come after startsAt',
    });
    await expect(
      createCampaign(t.prisma, admin, { ...base, stages: [] }, { queue: t.queue, now }),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(
      createCampaign(
        t.prisma,
        admin,
        {
          ...base,
          stages: [{ reviewerKind: 'TEAM', teamId: '00000000-0000-4000-8000-000000000000' }],
        },
        { queue: t.queue, now },
      ),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', message: 'stages: no such team' });
    await expect(
      createCampaign(
        t.prisma,
        admin,
        {
          ...base,
          scope: { applicationIds: ['00000000-0000-4000-8000-000000000000'] },
        },
        { queue: t.queue, now },
      ),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(
      createCampaign(
        t.prisma,
        admin,
        {
          ...base,
          recurrenceMonths: 1,
          dueAt: new Date(now.getTime() + 40 * DAY),
        },
        { queue: t.queue, now },
      ),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await t.prisma.reviewCampaign.count()).toBe(before);
  });
});
