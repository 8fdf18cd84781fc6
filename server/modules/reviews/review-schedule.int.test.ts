import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, type TUserActor } from '@/server/auth/actor.ts';
import { loadIdentityRows, settleLifecycleChanges } from '@/server/modules/lifecycle/index.ts';
import {
  createApplication,
  createEntitlement,
  createGrant,
  createIdentity,
} from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import type { TCampaignInputRaw } from './campaign-input.ts';
import { createCampaign } from './create-campaign.ts';
import { decideReviewItems } from './decide-review-items.ts';
import { saveMoverReviewSettings } from './mover-settings.ts';
import { runReviewSchedule } from './run-review-schedule.ts';
import { periodStart } from './start-recurring-copies.ts';
import { formatDate } from '@/server/shared/format-date.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;
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

const run = (now: Date) => runReviewSchedule(t.prisma, { queue: t.queue, now });

/** Boss manages Mark, who manages Ana and Ben; both hold a group; a scheduled campaign over it. */
async function scheduled(
  campaign: Partial<TCampaignInputRaw> = {},
  start = new Date(),
  createdAt = new Date(start.getTime() - DAY),
) {
  const boss = await createIdentity(t.prisma, { firstName: 'Bo' });
  const mark = await createIdentity(t.prisma, { firstName: 'Mark', managerId: boss.id });
  const reports = [
    await createIdentity(t.prisma, { firstName: 'Ana', managerId: mark.id }),
    await createIdentity(t.prisma, { firstName: 'Ben', managerId: mark.id }),
  ];
  const app = await createApplication(t.prisma);
  const group = await createEntitlement(t.prisma, app.id, { name: 'Ledger Post' });
  const grants = [];
  for (const p of reports)
    grants.push(
      await createGrant(t.prisma, {
        identityId: p.id,
        entitlementId: group.id,
        source: 'REQUEST',
        startsAt: new Date(start.getTime() - DAY),
      }),
    );
  const { id } = await createCampaign(
    t.prisma,
    admin,
    {
      name: `Ledger ${mark.id.slice(0, 4)}`,
      scope: { entitlementIds: [group.id] },
      stages: [{ reviewerKind: 'MANAGER' }],
      startsAt: start,
      dueAt: new Date(start.getTime() + 7 * DAY),
      ...campaign,
    },
    { queue: t.queue, now: createdAt },
  );
  return { boss, mark, reports, group, grants, id, start, dueAt: new Date(start.getTime() + 7 * DAY) };
}

const itemsOf = (campaignId: string) =>
  t.prisma.reviewItem.findMany({
    where: { campaignId },
    include: { decisions: { orderBy: { decidedAt: 'asc' } } },
    orderBy: { identityId: 'asc' },
  });

describe('the review schedule', () => {
  it('starts a scheduled campaign when its start comes, reminds reviewers once before the due date, and keeps undecided items at the due date (KEEP)', async () => {
    const w = await scheduled({}, new Date(Date.now() + DAY));
    expect((await run(new Date(w.start.getTime() - HOUR))).started).not.toContain(w.id);
    expect((await run(new Date(w.start.getTime() + HOUR))).started).toContain(w.id);
    expect(await t.prisma.reviewCampaign.findUniqueOrThrow({ where: { id: w.id } })).toMatchObject({
      status: 'ACTIVE',
    });

    await run(new Date(w.dueAt.getTime() - 2 * DAY));
    await run(new Date(w.dueAt.getTime() - DAY));
    const reminders = await t.prisma.notification.findMany({
      where: { recipientId: w.mark.id, kind: 'review.reminder' },
    });
    expect(reminders.map((n) => n.title)).toEqual([
      `Reminder: 2 items to review in “Ledger ${w.mark.id.slice(0, 4)}” by ${formatDate(w.dueAt)}`,
    ]);

    expect((await run(new Date(w.dueAt.getTime() + HOUR))).closed).toContain(w.id);
    const items = await itemsOf(w.id);
    expect(items.map((i) => [i.status, i.decisions.map((d) => [d.decision, d.deciderId])])).toEqual([
      ['KEPT', [['KEEP', null]]],
      ['KEPT', [['KEEP', null]]],
    ]);
    expect(
      await t.prisma.grant.count({ where: { id: { in: w.grants.map((g) => g.id) }, status: 'ACTIVE' } }),
    ).toBe(2);
    expect(await t.prisma.reviewCampaign.findUniqueOrThrow({ where: { id: w.id } })).toMatchObject({
      status: 'CLOSED',
    });
    expect((await run(new Date(w.dueAt.getTime() + 2 * HOUR))).closed).not.toContain(w.id);
  });

  it('starts a campaign created on its start day as it is created, its reviewers told, without waiting for the schedule', async () => {
    const start = new Date();
    const w = await scheduled({}, start, new Date(start.getTime() + HOUR));
    expect(await t.prisma.reviewCampaign.findUniqueOrThrow({ where: { id: w.id } })).toMatchObject({
      status: 'ACTIVE',
      startedAt: new Date(start.getTime() + HOUR),
    });
    expect((await itemsOf(w.id)).map((i) => i.reviewerId)).toEqual([w.mark.id, w.mark.id]);
    expect(
      await t.prisma.notification.count({ where: { recipientId: w.mark.id, kind: 'review.assigned' } }),
    ).toBe(1);
    expect((await run(new Date(start.getTime() + 2 * HOUR))).started).not.toContain(w.id);
    expect(await itemsOf(w.id)).toHaveLength(2);
  });

  it('revokes undecided items at the due date (REVOKE), through the desired-state engine, the campaign deciding', async () => {
    const w = await scheduled({ undecidedAction: 'REVOKE' });
    await run(new Date(w.start.getTime() + HOUR));
    const [ana] = await itemsOf(w.id);
    await decideReviewItems(
      t.prisma,
      await t.actor(w.mark.id),
      { itemIds: [ana!.id], decision: 'KEEP' },
      { queue: t.queue },
    );
    await run(new Date(w.dueAt.getTime() + HOUR));
    const items = await itemsOf(w.id);
    expect(items.map((i) => i.status).sort()).toEqual(['KEPT', 'REVOKED']);
    const revoked = items.find((i) => i.status === 'REVOKED')!;
    expect(revoked.decisions).toMatchObject([{ decision: 'REVOKE', deciderId: null }]);
    const grant = await t.prisma.grant.findUniqueOrThrow({ where: { id: revoked.grantId } });
    expect(grant).toMatchObject({ status: 'REVOKED', revokedById: null });
    expect(grant.revokeReason).toMatch(/revoked automatically: undecided at the due date/);
    expect(await t.prisma.reviewCampaign.findUniqueOrThrow({ where: { id: w.id } })).toMatchObject({
      status: 'CLOSED',
    });
  });

  it('escalates undecided items to the reviewer’s manager once (ESCALATE); the campaign closes when they are decided', async () => {
    const w = await scheduled({ undecidedAction: 'ESCALATE' });
    await run(new Date(w.start.getTime() + HOUR));
    const late = new Date(w.dueAt.getTime() + HOUR);
    expect((await run(late)).stillOpen).toContain(w.id);
    let items = await itemsOf(w.id);
    expect(items.map((i) => [i.status, i.reviewerId, i.escalatedAt?.getTime()])).toEqual([
      ['PENDING', w.boss.id, late.getTime()],
      ['PENDING', w.boss.id, late.getTime()],
    ]);
    expect(items[0]!.decisions).toMatchObject([
      { decision: 'ESCALATE', deciderId: null, reassignedToId: w.boss.id },
    ]);
    // Running again escalates nothing more.
    await run(new Date(late.getTime() + HOUR));
    expect(await t.prisma.reviewDecision.count({ where: { itemId: { in: items.map((i) => i.id) } } })).toBe(
      2,
    );

    const bo = await t.actor(w.boss.id);
    expect(
      (
        await decideReviewItems(
          t.prisma,
          bo,
          { itemIds: items.map((i) => i.id), decision: 'REVOKE' },
          { queue: t.queue },
        )
      ).applied,
    ).toHaveLength(2);
    expect((await run(new Date(late.getTime() + 2 * HOUR))).closed).toContain(w.id);
    items = await itemsOf(w.id);
    expect(items.every((i) => i.status === 'REVOKED' && i.revokedAt)).toBe(true);
  });

  it('starts the next copy of a recurring campaign when its period comes, once, with the access held then', async () => {
    const w = await scheduled({ recurrenceMonths: 3 });
    await run(new Date(w.start.getTime() + HOUR));
    await run(new Date(w.dueAt.getTime() + HOUR));
    const next = periodStart(w.start, 3, 1);
    expect((await run(new Date(next.getTime() - HOUR))).copies).toEqual([]);
    const newcomer = await createIdentity(t.prisma, { firstName: 'Cy', managerId: w.mark.id });
    await createGrant(t.prisma, {
      identityId: newcomer.id,
      entitlementId: w.group.id,
      startsAt: new Date(next.getTime() - DAY),
    });

    const { copies } = await run(new Date(next.getTime() + HOUR));
    expect(copies).toHaveLength(1);
    const copy = await t.prisma.reviewCampaign.findUniqueOrThrow({
      where: { id: copies[0]! },
      include: { stages: true },
    });
    expect(copy).toMatchObject({
      parentId: w.id,
      status: 'ACTIVE',
      startsAt: next,
      dueAt: new Date(next.getTime() + 7 * DAY),
      recurrenceMonths: null,
      scope: { entitlementIds: [w.group.id] },
    });
    expect(copy.stages).toMatchObject([{ position: 1, reviewerKind: 'MANAGER' }]);
    expect((await itemsOf(copy.id)).map((i) => i.identityId).sort()).toEqual(
      [...w.reports.map((p) => p.id), newcomer.id].sort(),
    );
    expect((await run(new Date(next.getTime() + 2 * HOUR))).copies).toEqual([]);
    expect(await t.prisma.reviewCampaign.count({ where: { parentId: w.id } })).toBe(1);
  });
});

describe('the mover review', () => {
  /** Pat moves from Finance (under Mark) to Sales (under Sue): Sales' birthright gives the CRM, not the ledger. */
  async function move() {
    const app = await createApplication(t.prisma);
    const ledger = await createEntitlement(t.prisma, app.id, { name: 'Ledger Post' });
    const crm = await createEntitlement(t.prisma, app.id, { name: 'CRM' });
    const department = `Sales ${crm.id.slice(0, 6)}`;
    await t.prisma.birthrightRule.create({
      data: {
        name: 'Sales',
        condition: { clauses: [{ attribute: 'department', op: 'equals', values: [department] }] },
        grants: { create: [{ entitlementId: crm.id }] },
      },
    });
    const mark = await createIdentity(t.prisma, { firstName: 'Mark' });
    const sue = await createIdentity(t.prisma, { firstName: 'Sue' });
    const pat = await createIdentity(t.prisma, {
      firstName: 'Pat',
      department: 'Finance',
      managerId: mark.id,
    });
    const kept = await createGrant(t.prisma, {
      identityId: pat.id,
      entitlementId: ledger.id,
      source: 'REQUEST',
      startsAt: new Date(Date.now() - DAY),
    });
    const given = await createGrant(t.prisma, {
      identityId: pat.id,
      entitlementId: crm.id,
      source: 'ADMIN',
      startsAt: new Date(Date.now() - DAY),
    });
    const now = new Date();
    await t.prisma.$transaction(async (tx) => {
      const before = (await loadIdentityRows(tx, [pat.id])).get(pat.id)!;
      await tx.identity.update({ where: { id: pat.id }, data: { department, managerId: sue.id } });
      const after = (await loadIdentityRows(tx, [pat.id])).get(pat.id)!;
      await settleLifecycleChanges(tx, [{ before, after }], {
        actor: systemActor('SOURCE'),
        now,
        ref: 'test:move',
        queue: t.queue,
      });
    });
    return { pat, sue, kept, given, now };
  }

  it('puts the access kept from the old job that is not birthright in the new one to the new manager (REVIEW)', async () => {
    await saveMoverReviewSettings(t.prisma, admin, { mode: 'REVIEW', days: 7 });
    const m = await move();
    const campaign = await t.prisma.reviewCampaign.findFirstOrThrow({
      where: { kind: 'MOVER', subjectId: m.pat.id },
    });
    expect(campaign).toMatchObject({
      status: 'ACTIVE',
      undecidedAction: 'ESCALATE',
      dueAt: new Date(m.now.getTime() + 7 * DAY),
    });
    const items = await itemsOf(campaign.id);
    expect(items.map((i) => [i.grantId, i.reviewerId])).toEqual([[m.kept.id, m.sue.id]]);
    expect(
      await t.prisma.notification.count({ where: { recipientId: m.sue.id, kind: 'review.assigned' } }),
    ).toBe(1);
    expect(
      (
        await decideReviewItems(
          t.prisma,
          await t.actor(m.sue.id),
          { itemIds: [items[0]!.id], decision: 'REVOKE' },
          { queue: t.queue },
        )
      ).applied,
    ).toHaveLength(1);
    expect(await t.prisma.grant.findUniqueOrThrow({ where: { id: m.kept.id } })).toMatchObject({
      status: 'REVOKED',
    });
    expect(await t.prisma.grant.findUniqueOrThrow({ where: { id: m.given.id } })).toMatchObject({
      status: 'ACTIVE',
    });
  });

  it('revokes what the new manager does not keep by the due date (AUTO_REVOKE)', async () => {
    await saveMoverReviewSettings(t.prisma, admin, { mode: 'AUTO_REVOKE', days: 5 });
    const m = await move();
    const campaign = await t.prisma.reviewCampaign.findFirstOrThrow({
      where: { kind: 'MOVER', subjectId: m.pat.id },
    });
    expect(campaign).toMatchObject({ undecidedAction: 'REVOKE' });
    await run(new Date(m.now.getTime() + 5 * DAY + HOUR));
    expect(await t.prisma.grant.findUniqueOrThrow({ where: { id: m.kept.id } })).toMatchObject({
      status: 'REVOKED',
    });
    expect(await t.prisma.reviewCampaign.findUniqueOrThrow({ where: { id: campaign.id } })).toMatchObject({
      status: 'CLOSED',
    });
  });

  it('does nothing when the organisation turned it off (OFF)', async () => {
    await saveMoverReviewSettings(t.prisma, admin, { mode: 'OFF', days: 7 });
    const m = await move();
    expect(await t.prisma.reviewCampaign.count({ where: { subjectId: m.pat.id } })).toBe(0);
    expect(await t.prisma.grant.findUniqueOrThrow({ where: { id: m.kept.id } })).toMatchObject({
      status: 'ACTIVE',
    });
  });
});
