import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TUserActor } from '@/server/auth/actor.ts';
import { createCampaign, startCampaign } from '@/server/modules/reviews/index.ts';
import {
  createApplication,
  createEntitlement,
  createGrant,
  createIdentity,
} from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { formatDate } from '@/server/shared/format-date.ts';

/*
 * The walkthrough's case: Lena holds Payroll through a request and through the birthright rule
 * "Payroll team"; two campaigns (Q1, Q4) review the request's grant. Mark, her manager, must read
 * before deciding that revoking leaves her Payroll; the revoked item names what kept it; and the
 * same grant's item in Q4 closes as ENDED the moment the grant ends, counted as done.
 */
const DAY = 86_400_000;
let t: TTestContext;
let mark: TUserActor;
let admin: TUserActor;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestContext();
  admin = await t.actor(
    (await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'], firstName: 'Ivy' })).id,
  );
  const m = await createIdentity(t.prisma, { firstName: 'Mark', lastName: 'Ng' });
  mark = await t.actor(m.id);
  const lena = await createIdentity(t.prisma, {
    firstName: 'Lena',
    lastName: 'Ortiz',
    displayName: 'Lena Ortiz',
    managerId: m.id,
    department: 'Finance',
  });
  const app = await createApplication(t.prisma, { name: 'HR system' });
  ids.app = app.id;
  const payroll = await createEntitlement(t.prisma, app.id, { name: 'Payroll' });
  const rule = await t.prisma.birthrightRule.create({
    data: { name: 'Payroll team', condition: { match: 'ALL', clauses: [] } },
  });
  const startsAt = new Date(Date.now() - DAY);
  ids.requested = (
    await createGrant(t.prisma, {
      identityId: lena.id,
      entitlementId: payroll.id,
      source: 'REQUEST',
      startsAt,
    })
  ).id;
  await createGrant(t.prisma, {
    identityId: lena.id,
    entitlementId: payroll.id,
    source: 'BIRTHRIGHT',
    sourceRef: rule.id,
    startsAt,
  });
  for (const name of ['Q1', 'Q4']) {
    const now = new Date();
    const { id } = await createCampaign(
      t.prisma,
      admin,
      {
        name: `Payroll ${name}`,
        scope: { entitlementIds: [payroll.id] },
        stages: [{ reviewerKind: 'MANAGER' }],
        startsAt: now,
        dueAt: new Date(now.getTime() + 14 * DAY),
      },
      { queue: t.queue, now },
    );
    await startCampaign(t.prisma, admin, { id }, { queue: t.queue, now });
    ids[name] = id;
  }
});
afterAll(async () => {
  await t?.close();
});

describe('an item whose access another grant also gives', () => {
  it('names every other way the person holds it and says what revoking does, before the decision', async () => {
    const { rows } = await t.caller(mark).reviews.myQueue({ campaignId: ids.Q1 });
    expect(rows).toHaveLength(1);
    const [item] = rows;
    expect(item!.alsoHeldThrough).toEqual([
      expect.objectContaining({ source: 'BIRTHRIGHT', why: 'birthright rule “Payroll team”' }),
    ]);
    expect(item!.revokeNote).toMatch(
      /^Revoking ends this grant only: Lena Ortiz keeps Payroll through the birthright rule “Payroll team”\. Birthright follows its rule, not a review/,
    );
    // Not "No one else in Finance holds it": the rule gives it to her.
    expect(item!.recommendation).toBe(
      'Also held through the birthright rule “Payroll team”: revoking this grant does not remove it',
    );
  });

  it('revoked, it names what kept the access; the same grant’s item in Q4 closes as ENDED and counts as done', async () => {
    const [q1Item] = (await t.caller(mark).reviews.myQueue({ campaignId: ids.Q1 })).rows;
    const [q4Item] = (await t.caller(mark).reviews.myQueue({ campaignId: ids.Q4 })).rows;
    expect(q4Item!.status).toBe('PENDING');
    const result = await t.caller(mark).reviews.decide({ itemIds: [q1Item!.id], decision: 'REVOKE' });
    expect(result.applied).toEqual([q1Item!.id]);

    const [revoked] = (await t.caller(mark).reviews.myQueue({ campaignId: ids.Q1, status: 'ALL' })).rows;
    expect(revoked!.status).toBe('REVOKED');
    expect(revoked!.alsoHeldThrough.map((o) => o.why)).toEqual(['birthright rule “Payroll team”']);

    const grant = await t.prisma.grant.findUniqueOrThrow({ where: { id: ids.requested! } });
    const q4 = await t.prisma.reviewItem.findUniqueOrThrow({ where: { id: q4Item!.id } });
    expect(q4).toMatchObject({ status: 'ENDED', decidedAt: grant.endedAt });
    expect((await t.caller(mark).reviews.myQueue({ campaignId: ids.Q4 })).rows).toEqual([]);
    expect((await t.caller(admin).reviews.getCampaign({ id: ids.Q4! })).progress).toEqual({
      done: 1,
      total: 1,
    });

    // The closing is audited like every act: one event for the Q4 item, naming the campaign, the
    // grant and how it ended, in the same transaction as the revocation (the trigger writes it).
    const events = await t.prisma.auditEvent.findMany({
      where: { action: 'review.item_ended', entityId: q4Item!.id },
    });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorType: 'SYSTEM',
      actorId: null,
      entityType: 'ReviewItem',
      subjectId: grant.identityId,
      after: { status: 'ENDED' },
      metadata: {
        campaignId: ids.Q4,
        campaign: 'Payroll Q4',
        item: 'Payroll',
        grantId: grant.id,
        grantStatus: 'REVOKED',
        endedAt: grant.endedAt!.toISOString(),
        endedById: mark.identityId,
        reason: 'Access review “Payroll Q1”: revoked by Mark Ng',
        applicationId: ids.app,
      },
    });
    const { items: logged } = await t.caller(admin).auditLog.list({
      entityType: 'ReviewItem',
      entityId: q4Item!.id,
      limit: 10,
    });
    expect(logged.map((e) => e.sentence)).toEqual([
      'Lena Ortiz’s Payroll in the access review “Payroll Q4” needed no decision: the access had already ended (removed by Mark Ng: Access review “Payroll Q1”: revoked by Mark Ng)',
    ]);

    // The campaign report names what kept the access, and why the Q4 item closed by itself.
    const [q1Report] = (await t.caller(admin).reviews.campaignItems({ campaignId: ids.Q1! })).items;
    expect(q1Report!.keptThrough).toBe('the birthright rule “Payroll team”');
    const [q4Report] = (await t.caller(admin).reviews.campaignItems({ campaignId: ids.Q4! })).items;
    expect(q4Report!.endedNote).toBe(
      `Grant revoked on ${formatDate(grant.endedAt)} by Mark Ng: Access review “Payroll Q1”: revoked by Mark Ng`,
    );
  });
});
