import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReviewItemStatus } from '@/prisma/generated/enums.ts';
import type { TUserActor } from '@/server/auth/actor.ts';
import {
  createApplication,
  createEntitlement,
  createGrant,
  createIdentity,
  createRole,
  createTeam,
} from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';

/*
 * The reviewer's read side against items whose answers are known: who sees which item (their own,
 * their team's, the identity team's fallback; never another manager's, never their own access),
 * "done of total" for them and for the campaign, filters, the order that keeps groups whole, and
 * the navigation's count.
 */
let t: TTestContext;
const as: Record<'mia' | 'max' | 'olga' | 'ida' | 'eve', TUserActor> = {} as never;
const ids: Record<string, string> = {};
const grants: Record<string, { id: string }> = {};
const DAY = 86_400_000;
const now = Date.now();

const api = (who: keyof typeof as) => t.caller(as[who]);

async function item(o: {
  campaignId: string;
  identityId: string;
  entitlementId?: string;
  roleId?: string;
  reviewerId?: string | null;
  reviewerTeamId?: string | null;
  status?: ReviewItemStatus;
  stage?: number;
  context?: object;
  recommendation?: string;
}) {
  // One grant per person and access, reviewed in as many campaigns as include it.
  const key = `${o.identityId}:${o.entitlementId ?? o.roleId}`;
  const grant = (grants[key] ??= await createGrant(t.prisma, {
    identityId: o.identityId,
    entitlementId: o.entitlementId,
    roleId: o.roleId,
  }));
  const i = await t.prisma.reviewItem.create({
    data: {
      campaignId: o.campaignId,
      grantId: grant.id,
      identityId: o.identityId,
      entitlementId: o.entitlementId ?? null,
      roleId: o.roleId ?? null,
      reviewerId: o.reviewerId ?? null,
      reviewerTeamId: o.reviewerTeamId ?? null,
      status: o.status ?? 'PENDING',
      stage: o.stage ?? 1,
      context: o.context ?? {},
      recommendation: o.recommendation ?? null,
      decidedAt: o.status && o.status !== 'PENDING' ? new Date(now - DAY) : null,
    },
  });
  return i.id;
}

beforeAll(async () => {
  t = await createTestContext();
  const person = (username: string, o: Parameters<typeof createIdentity>[1] = {}) =>
    createIdentity(t.prisma, { username, displayName: username[0]!.toUpperCase() + username.slice(1), ...o });
  const mia = await person('mia');
  const max = await person('max');
  const olga = await person('olga');
  const ida = await person('ida', { portalRoles: ['IDENTITY_ADMIN'] });
  const eve = await person('eve');
  const rob = await person('rob', { managerId: mia.id });
  const rita = await person('rita', { managerId: mia.id });
  const sam = await person('sam', { managerId: max.id });
  const orphan = await person('orla');
  for (const [k, p] of Object.entries({ mia, max, olga, ida, eve }))
    as[k as keyof typeof as] = await t.actor(p.id);

  const app = await createApplication(t.prisma, { name: 'Payments' });
  const wiki = await createEntitlement(t.prisma, app.id, { name: 'Wiki editors' });
  const ledger = await createEntitlement(t.prisma, app.id, { name: 'Ledger admins', risk: 'MEDIUM' });
  const audit = await createEntitlement(t.prisma, app.id, { name: 'Audit viewers', risk: 'MEDIUM' });
  const role = await createRole(t.prisma, {
    entitlementIds: [wiki.id],
    name: 'Finance analyst',
    risk: 'MEDIUM',
  });
  const owners = await createTeam(t.prisma, { name: 'Payments owners', memberIds: [olga.id] });

  const campaign = async (name: string, status: 'ACTIVE' | 'CANCELLED', dueInDays: number) =>
    (
      await t.prisma.reviewCampaign.create({
        data: {
          name,
          status,
          startsAt: new Date(now - DAY),
          startedAt: new Date(now - DAY),
          dueAt: new Date(now + dueInDays * DAY),
        },
      })
    ).id;
  ids.q3 = await campaign('Payments Q3', 'ACTIVE', 10);
  ids.cancelled = await campaign('Cancelled one', 'CANCELLED', 5);
  ids.later = await campaign('Payments Q4', 'ACTIVE', 40);

  const q3 = ids.q3;
  ids.robWiki = await item({
    campaignId: q3,
    identityId: rob.id,
    entitlementId: wiki.id,
    reviewerId: mia.id,
    context: {
      item: { kind: 'ENTITLEMENT', name: 'Wiki editors', application: 'Payments', risk: 'LOW' },
      why: 'Requested by Rob: "quarter close"',
      lastUsedAt: new Date(now - 100 * DAY).toISOString(),
      peers: {
        manager: { count: 1, names: ['Rita'] },
        department: { count: 2, names: ['Rita', 'Sam'] },
        title: { count: 0, names: [], ofTotal: 3 },
      },
      sod: [],
    },
    recommendation: 'No sign-in for 90 days',
  });
  ids.robLedger = await item({
    campaignId: q3,
    identityId: rob.id,
    entitlementId: ledger.id,
    reviewerId: mia.id,
    // Medium risk in the catalogue today, high when the campaign started: the snapshot decides.
    context: {
      item: { risk: 'HIGH' },
      why: 'Granted by Ida',
      sod: [{ rule: 'Ledger vs audit', explanation: 'Posting and auditing the ledger' }],
      fallback: null,
    },
  });
  ids.ritaWiki = await item({
    campaignId: q3,
    identityId: rita.id,
    entitlementId: wiki.id,
    reviewerId: mia.id,
    status: 'KEPT',
  });
  await t.prisma.reviewDecision.create({
    data: { itemId: ids.ritaWiki, stage: 1, decision: 'KEEP', deciderId: mia.id, comment: 'Needs it' },
  });
  ids.samWiki = await item({
    campaignId: q3,
    identityId: sam.id,
    entitlementId: wiki.id,
    reviewerId: max.id,
  });
  ids.ritaAudit = await item({
    campaignId: q3,
    identityId: rita.id,
    entitlementId: audit.id,
    reviewerTeamId: owners.id,
  });
  ids.orlaWiki = await item({
    campaignId: q3,
    identityId: orphan.id,
    entitlementId: wiki.id,
    context: { fallback: 'The person has no manager who can act' },
  });
  ids.miaOwn = await item({ campaignId: q3, identityId: mia.id, entitlementId: wiki.id, reviewerId: mia.id });
  // Kept by Mia at the manager's stage, now waiting for the owner at stage 2.
  ids.robRole = await item({
    campaignId: q3,
    identityId: rob.id,
    roleId: role.id,
    reviewerId: olga.id,
    stage: 2,
  });
  await t.prisma.reviewDecision.create({
    data: { itemId: ids.robRole, stage: 1, decision: 'KEEP', deciderId: mia.id },
  });
  ids.cancelledItem = await item({
    campaignId: ids.cancelled,
    identityId: rita.id,
    entitlementId: ledger.id,
    reviewerId: mia.id,
  });
  ids.laterItem = await item({
    campaignId: ids.later,
    identityId: rita.id,
    entitlementId: ledger.id,
    reviewerId: mia.id,
  });
});

afterAll(async () => {
  await t.close();
});

const idsOf = (rows: Array<{ id: string }>) => rows.map((r) => r.id).sort();

describe('reviews.myQueue', () => {
  it('shows a manager the items waiting for them, never another manager’s nor their own access', async () => {
    const mine = await api('mia').reviews.myQueue({});
    expect(idsOf(mine.rows)).toEqual([ids.robWiki, ids.robLedger, ids.laterItem].sort());
    expect(mine.total).toBe(3);
    expect(mine.rows.every((r) => r.isWaiting)).toBe(true);

    const other = await api('max').reviews.myQueue({});
    expect(idsOf(other.rows)).toEqual([ids.samWiki]);
    expect(other.rows.some((r) => r.person.displayName === 'Rob')).toBe(false);
  });

  it('carries who, what, risk, the context snapshot in words and the recommendation', async () => {
    const { rows } = await api('mia').reviews.myQueue({ campaignId: ids.q3 });
    const wiki = rows.find((r) => r.id === ids.robWiki)!;
    expect(wiki).toMatchObject({
      campaign: { id: ids.q3, name: 'Payments Q3' },
      person: { displayName: 'Rob' },
      entitlement: { name: 'Wiki editors' },
      application: { name: 'Payments' },
      risk: 'LOW',
      recommendation: 'No sign-in for 90 days',
      context: {
        why: 'Requested by Rob: "quarter close"',
        peers: {
          manager: { count: 1, names: ['Rita'] },
          department: { count: 2, names: ['Rita', 'Sam'] },
          title: { count: 0, names: [], ofTotal: 3 },
        },
        sod: [],
        fallback: null,
      },
    });
    expect(wiki.context.lastUsedAt?.getTime()).toBe(now - 100 * DAY);
    const ledger = rows.find((r) => r.id === ids.robLedger)!;
    expect(ledger).toMatchObject({
      risk: 'HIGH',
      recommendation: null,
      context: {
        why: 'Granted by Ida',
        lastUsedAt: null,
        peers: { manager: null, department: null, title: null },
        sod: [{ rule: 'Ledger vs audit', explanation: 'Posting and auditing the ledger' }],
      },
    });
  });

  it('shows a team’s items to its members and the fallback items to the identity team', async () => {
    expect(idsOf((await api('olga').reviews.myQueue({})).rows)).toEqual([ids.ritaAudit, ids.robRole].sort());
    const fallback = await api('ida').reviews.myQueue({});
    expect(idsOf(fallback.rows)).toEqual([ids.orlaWiki]);
    expect(fallback.rows[0]?.context.fallback).toBe('The person has no manager who can act');
    expect((await api('eve').reviews.myQueue({})).rows).toEqual([]);
  });

  it('lists what the reviewer is done with: decided by them, or moved on to the next stage', async () => {
    const done = await api('mia').reviews.myQueue({ status: 'DONE' });
    expect(idsOf(done.rows)).toEqual([ids.ritaWiki, ids.robRole].sort());
    const kept = done.rows.find((r) => r.id === ids.ritaWiki)!;
    expect(kept).toMatchObject({
      status: 'KEPT',
      isWaiting: false,
      lastDecision: { decision: 'KEEP', comment: 'Needs it', by: 'Mia' },
    });
    expect(done.rows.find((r) => r.id === ids.robRole)).toMatchObject({
      status: 'PENDING',
      isWaiting: false,
      stage: 2,
    });
  });

  it('filters by campaign and text, and orders so a person’s or an entitlement’s items stay together', async () => {
    expect((await api('mia').reviews.myQueue({ campaignId: ids.cancelled, status: 'ALL' })).rows).toEqual([]);
    const rita = await api('mia').reviews.myQueue({ status: 'ALL', text: 'rit' });
    expect(idsOf(rita.rows)).toEqual([ids.ritaWiki, ids.laterItem].sort());
    const byLedger = await api('mia').reviews.myQueue({ status: 'ALL', text: 'ledger' });
    expect(idsOf(byLedger.rows)).toEqual([ids.robLedger, ids.laterItem].sort());

    const byPerson = await api('mia').reviews.myQueue({ status: 'ALL', groupBy: 'PERSON' });
    expect(byPerson.rows.map((r) => r.person.displayName)).toEqual(['Rita', 'Rita', 'Rob', 'Rob', 'Rob']);
    const byWhat = await api('mia').reviews.myQueue({ status: 'ALL', groupBy: 'ENTITLEMENT' });
    expect(byWhat.rows.map((r) => r.entitlement?.name ?? r.role?.name)).toEqual([
      'Finance analyst',
      'Ledger admins',
      'Ledger admins',
      'Wiki editors',
      'Wiki editors',
    ]);
  });

  it('caps the rows and says how many match', async () => {
    const first = await api('mia').reviews.myQueue({ status: 'ALL', limit: 2 });
    expect(first.rows).toHaveLength(2);
    expect(first.total).toBe(5);
  });

  it('refuses bad input with a clear error', async () => {
    await expect(api('mia').reviews.myQueue({ campaignId: 'nope' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(api('mia').reviews.myQueue({ text: 'x'.repeat(101) })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(api('mia').reviews.myQueue({ limit: 501 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('reviews.myCampaigns and the navigation’s count', () => {
  it('gives done of total for the reviewer’s items and for the whole campaign', async () => {
    const campaigns = await api('mia').reviews.myCampaigns();
    expect(campaigns.map((c) => c.name)).toEqual(['Payments Q3', 'Payments Q4']);
    expect(campaigns[0]).toMatchObject({
      id: ids.q3,
      mine: { done: 2, total: 4 },
      overall: { done: 1, total: 8 },
    });
    expect(campaigns[1]).toMatchObject({ mine: { done: 0, total: 1 }, overall: { done: 0, total: 1 } });
    expect(await api('max').reviews.myCampaigns()).toMatchObject([
      { id: ids.q3, mine: { done: 0, total: 1 } },
    ]);
    expect(await api('eve').reviews.myCampaigns()).toEqual([]);
  });

  it('tells me.get whether the Reviews page is someone’s and how many items wait', async () => {
    expect((await api('mia').me.get()).reviews).toEqual({ hasReviews: true, waiting: 3 });
    expect((await api('ida').me.get()).reviews).toEqual({ hasReviews: true, waiting: 1 });
    expect((await api('eve').me.get()).reviews).toEqual({ hasReviews: false, waiting: 0 });
  });
});
