import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, type TUserActor } from '@/server/auth/actor.ts';
import type { TPermission } from '@/server/auth/permissions.ts';
import { startWorker, type TWorker } from '@/jobs/start-worker.ts';
import { planAccess } from '@/server/modules/provisioning/index.ts';
import { ensureGroup } from '@/server/seed/directory-setup.ts';
import {
  createApplication,
  createEntitlement,
  createGrant,
  createIdentity,
} from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { createTestDirectory, TEST_SECRET_KEY, type TTestDirectory } from '@/server/testing/test-ldap.ts';
import { waitFor, waitForOperations } from '@/server/testing/wait-for.ts';
import type { TCampaignInputRaw } from './campaign-input.ts';
import { itemsAssignedTo } from './assigned-to.ts';
import { closeCampaign } from './close-campaign.ts';
import { createCampaign } from './create-campaign.ts';
import { decideReviewItems, type TDecideInput } from './decide-review-items.ts';
import { startCampaign } from './start-campaign.ts';

const DAY = 86_400_000;
let t: TTestContext;
let dir: TTestDirectory;
let worker: TWorker;
let admin: TUserActor;
beforeAll(async () => {
  t = await createTestContext();
  dir = await createTestDirectory();
  worker = await startWorker({
    databaseUrl: t.url,
    secretKey: TEST_SECRET_KEY,
    log: () => {},
    only: ['provisioning.apply', 'reviews.run'],
  });
  admin = await t.actor(
    (await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'], firstName: 'Ivy' })).id,
  );
});
afterAll(async () => {
  await worker?.stop({ graceful: false });
  await t?.close();
});

/** A manager with three reports holding a group in the real directory, the group's owner, and a campaign over it. */
async function team(
  o: { risk?: 'LOW' | 'HIGH'; campaign?: Partial<TCampaignInputRaw>; provision?: boolean } = {},
) {
  const mark = await createIdentity(t.prisma, { firstName: 'Mark' });
  const owner = await createIdentity(t.prisma, { firstName: 'Olga' });
  const ana = await createIdentity(t.prisma, { firstName: 'Ana', managerId: mark.id });
  const ben = await createIdentity(t.prisma, { firstName: 'Ben', managerId: mark.id });
  const cy = await createIdentity(t.prisma, { firstName: 'Cy', managerId: mark.id });
  const reports = [ana, ben, cy] as const;
  const app = await createApplication(t.prisma, {
    config: dir.config,
    secrets: dir.secrets,
    secretKey: TEST_SECRET_KEY,
    name: 'Directory',
  });
  const groupDn = await ensureGroup(dir.admin, dir.baseDn, `ledger-${mark.id.slice(0, 8)}`, 'Ledger posting');
  const ledger = await createEntitlement(t.prisma, app.id, {
    externalId: groupDn,
    name: 'Ledger Post',
    ownerId: owner.id,
    risk: o.risk ?? 'LOW',
  });
  const grants = [];
  for (const p of reports)
    grants.push(
      await createGrant(t.prisma, {
        identityId: p.id,
        entitlementId: ledger.id,
        source: 'REQUEST',
        startsAt: new Date(Date.now() - DAY),
      }),
    );
  if (o.provision) {
    const ops = await t.prisma.$transaction((tx) =>
      planAccess(
        tx,
        reports.map((p) => p.id),
        { reason: 'TEST', actor: systemActor('SEED') },
        { queue: t.queue },
      ),
    );
    await waitForOperations(
      t.prisma,
      ops.map((op) => op.id),
    );
  }
  const now = new Date();
  const { id } = await createCampaign(
    t.prisma,
    admin,
    {
      name: `Ledger review ${mark.id.slice(0, 4)}`,
      scope: { entitlementIds: [ledger.id] },
      stages: [{ reviewerKind: 'MANAGER' }],
      startsAt: now,
      dueAt: new Date(now.getTime() + 14 * DAY),
      ...o.campaign,
    },
    { queue: t.queue, now },
  );
  await startCampaign(t.prisma, admin, { id }, { queue: t.queue, now });
  const items = await t.prisma.reviewItem.findMany({ where: { campaignId: id } });
  const itemOf = (p: { id: string }) => items.find((i) => i.identityId === p.id)!.id;
  return { mark, owner, reports, app, groupDn, ledger, grants, campaignId: id, itemOf };
}

const decide = async (actor: TUserActor, input: TDecideInput) =>
  decideReviewItems(t.prisma, actor, input, { queue: t.queue });
const accountDn = async (identityId: string, applicationId: string) =>
  (await t.prisma.account.findFirstOrThrow({ where: { identityId, applicationId } })).nativeId!;

describe('deciding review items', () => {
  it('revokes in bulk through the one engine: the real directory loses the members, and one refused item does not stop the others', async () => {
    const w = await team({ provision: true });
    const [ana, ben, cy] = w.reports;
    const dns = [
      await accountDn(ana.id, w.app.id),
      await accountDn(ben.id, w.app.id),
      await accountDn(cy.id, w.app.id),
    ];
    expect((await dir.members(w.groupDn)).sort()).toEqual([...dns].sort());
    const other = await team();
    const mark = await t.actor(w.mark.id);

    const result = await decide(mark, {
      itemIds: [w.itemOf(ana), w.itemOf(ben), other.itemOf(other.reports[0])],
      decision: 'REVOKE',
      comment: 'Left the ledger project',
    });
    expect(result.applied.sort()).toEqual([w.itemOf(ana), w.itemOf(ben)].sort());
    expect(result.refused).toEqual([
      { itemId: other.itemOf(other.reports[0]), reason: 'You are not this item’s reviewer' },
    ]);

    await waitFor(async () => (await dir.members(w.groupDn)).length === 1, {
      timeoutMs: 30_000,
      what: 'the revoked members to leave the directory',
    });
    expect(await dir.members(w.groupDn)).toEqual([dns[2]]);
    const revoked = await t.prisma.grant.findUniqueOrThrow({ where: { id: w.grants[0]!.id } });
    expect(revoked).toMatchObject({ status: 'REVOKED', revokedById: w.mark.id });
    expect(revoked.revokeReason).toContain(`Access review “Ledger review`);
    const item = await t.prisma.reviewItem.findUniqueOrThrow({
      where: { id: w.itemOf(ana) },
      include: { decisions: true },
    });
    expect(item).toMatchObject({ status: 'REVOKED' });
    expect(item.revokedAt).not.toBeNull();
    expect(item.decisions).toMatchObject([
      { decision: 'REVOKE', deciderId: w.mark.id, comment: 'Left the ledger project', stage: 1 },
    ]);
    const audit = await t.prisma.auditEvent.findFirstOrThrow({
      where: { action: 'grant.revoked', entityId: w.grants[0]!.id },
    });
    expect(audit.metadata).toMatchObject({ campaignId: w.campaignId, itemId: w.itemOf(ana) });
    expect(
      await t.prisma.auditEvent.count({ where: { action: 'review.item_decided', subjectId: ana.id } }),
    ).toBe(1);
    expect(
      await t.prisma.provisioningOperation.count({
        where: { identityId: ana.id, reason: 'ACCESS_REVIEW', kind: 'REMOVE_ENTITLEMENT' },
      }),
    ).toBe(1);
    // A decided item is not decided again.
    expect((await decide(mark, { itemIds: [w.itemOf(ana)], decision: 'KEEP' })).refused).toEqual([
      { itemId: w.itemOf(ana), reason: 'This item is already decided' },
    ]);
  });

  it('takes a multi-stage review from the manager to the owner; the last keep certifies it', async () => {
    const w = await team({ campaign: { stages: [{ reviewerKind: 'MANAGER' }, { reviewerKind: 'OWNER' }] } });
    const ana = w.reports[0];
    const mark = await t.actor(w.mark.id);
    const olga = await t.actor(w.owner.id);
    expect((await decide(olga, { itemIds: [w.itemOf(ana)], decision: 'KEEP' })).refused[0]?.reason).toBe(
      'You are not this item’s reviewer',
    );
    expect(
      (await decide(mark, { itemIds: [w.itemOf(ana)], decision: 'KEEP', comment: 'Still posts journals' }))
        .applied,
    ).toEqual([w.itemOf(ana)]);
    expect(await t.prisma.reviewItem.findUniqueOrThrow({ where: { id: w.itemOf(ana) } })).toMatchObject({
      stage: 2,
      status: 'PENDING',
      reviewerId: w.owner.id,
    });
    expect(
      await t.prisma.notification.count({ where: { recipientId: w.owner.id, kind: 'review.assigned' } }),
    ).toBe(1);
    expect((await decide(mark, { itemIds: [w.itemOf(ana)], decision: 'KEEP' })).refused[0]?.reason).toBe(
      'You are not this item’s reviewer',
    );
    expect((await decide(olga, { itemIds: [w.itemOf(ana)], decision: 'KEEP' })).applied).toEqual([
      w.itemOf(ana),
    ]);
    const item = await t.prisma.reviewItem.findUniqueOrThrow({
      where: { id: w.itemOf(ana) },
      include: { decisions: { orderBy: { stage: 'asc' } } },
    });
    expect(item).toMatchObject({ status: 'KEPT', stage: 2 });
    expect(item.decisions.map((d) => [d.stage, d.decision, d.deciderId])).toEqual([
      [1, 'KEEP', w.mark.id],
      [2, 'KEEP', w.owner.id],
    ]);
    expect(await t.prisma.grant.findUniqueOrThrow({ where: { id: w.grants[0]!.id } })).toMatchObject({
      status: 'ACTIVE',
    });
  });

  it('refuses a review of one’s own access, even to the identity team', async () => {
    // Ivy (identity admin, no manager) holds access in scope: her item goes to the identity team, and she cannot decide it.
    const w = await team();
    await createGrant(t.prisma, {
      identityId: admin.identityId,
      entitlementId: w.ledger.id,
      startsAt: new Date(Date.now() - DAY),
    });
    const now = new Date();
    const { id } = await createCampaign(
      t.prisma,
      admin,
      {
        name: 'Own',
        scope: { entitlementIds: [w.ledger.id] },
        stages: [{ reviewerKind: 'MANAGER' }],
        startsAt: now,
        dueAt: new Date(now.getTime() + DAY),
      },
      { queue: t.queue, now },
    );
    await startCampaign(t.prisma, admin, { id }, { queue: t.queue, now });
    const own = await t.prisma.reviewItem.findFirstOrThrow({
      where: { campaignId: id, identityId: admin.identityId },
    });
    expect(own).toMatchObject({ reviewerId: null, reviewerTeamId: null });
    expect(await decide(admin, { itemIds: [own.id], decision: 'KEEP', comment: 'I need it' })).toEqual({
      applied: [],
      refused: [{ itemId: own.id, reason: 'You cannot review your own access: another reviewer decides it' }],
    });
    expect(await t.prisma.reviewDecision.count({ where: { itemId: own.id } })).toBe(0);
    expect(
      await t.prisma.auditEvent.findFirstOrThrow({
        where: { action: 'review.self_review_refused', entityId: own.id },
      }),
    ).toMatchObject({ actorId: admin.identityId, subjectId: admin.identityId });
    // Her queue does not list it; another identity admin's does, and he may decide it.
    const ian = await t.actor(
      (await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'], firstName: 'Ian' })).id,
    );
    expect(
      await t.prisma.reviewItem.count({
        where: { AND: [{ campaignId: id }, await itemsAssignedTo(t.prisma, admin)] },
      }),
    ).toBe(0);
    expect(
      (
        await t.prisma.reviewItem.findMany({
          where: { AND: [{ campaignId: id }, await itemsAssignedTo(t.prisma, ian)] },
        })
      ).map((i) => i.id),
    ).toEqual([own.id]);
    expect(
      await t.prisma.reviewItem.count({
        where: { AND: [{ campaignId: id }, await itemsAssignedTo(t.prisma, await t.actor(w.mark.id))] },
      }),
    ).toBe(3);
    expect((await decide(ian, { itemIds: [own.id], decision: 'KEEP' })).applied).toEqual([own.id]);
    // Nor can a manager hand an item to the person it is about.
    const mark = await t.actor(w.mark.id);
    const ana = w.reports[0];
    expect(
      (await decide(mark, { itemIds: [w.itemOf(ana)], decision: 'REASSIGN', reassignToId: ana.id }))
        .refused[0]?.reason,
    ).toBe('Nobody reviews their own access: choose someone else');
  });

  it('leaves the items nobody else can decide to those who may manage reviews, so an API token\u2019s subset is honoured', async () => {
    const w = await team();
    await createGrant(t.prisma, {
      identityId: admin.identityId,
      entitlementId: w.ledger.id,
      startsAt: new Date(Date.now() - DAY),
    });
    const now = new Date();
    const { id } = await createCampaign(
      t.prisma,
      admin,
      {
        name: 'Token',
        scope: { entitlementIds: [w.ledger.id] },
        stages: [{ reviewerKind: 'MANAGER' }],
        startsAt: now,
        dueAt: new Date(now.getTime() + DAY),
      },
      { queue: t.queue, now },
    );
    await startCampaign(t.prisma, admin, { id }, { queue: t.queue, now });
    const unassigned = await t.prisma.reviewItem.findFirstOrThrow({
      where: { campaignId: id, identityId: admin.identityId },
    });
    const ian = await t.actor(
      (await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'], firstName: 'Ian' })).id,
    );
    const throughToken = (permissions: TPermission[]): TUserActor => ({
      ...ian,
      apiToken: { id: crypto.randomUUID(), permissions: new Set(permissions) },
    });
    const inQueue = async (actor: TUserActor) =>
      t.prisma.reviewItem.count({
        where: { AND: [{ campaignId: id }, await itemsAssignedTo(t.prisma, actor)] },
      });
    // Ian is an identity admin, but his token may only decide reviews, not manage them: the item is not his through it.
    const decideOnly = throughToken(['reviews.decide']);
    expect(await inQueue(decideOnly)).toBe(0);
    expect(await decide(decideOnly, { itemIds: [unassigned.id], decision: 'KEEP' })).toEqual({
      applied: [],
      refused: [{ itemId: unassigned.id, reason: 'You are not this item’s reviewer' }],
    });
    expect(await t.prisma.reviewDecision.count({ where: { itemId: unassigned.id } })).toBe(0);
    // A token whose subset includes managing reviews decides it, as he would in the portal.
    const manage = throughToken(['reviews.decide', 'reviews.manage']);
    expect(await inQueue(manage)).toBe(1);
    expect((await decide(manage, { itemIds: [unassigned.id], decision: 'KEEP' })).applied).toEqual([
      unassigned.id,
    ]);
  });

  it('needs a comment to keep high-risk access; reassigns to another reviewer', async () => {
    const w = await team({ risk: 'HIGH' });
    const [ana, ben] = w.reports;
    const mark = await t.actor(w.mark.id);
    expect(await decide(mark, { itemIds: [w.itemOf(ana)], decision: 'KEEP' })).toEqual({
      applied: [],
      refused: [{ itemId: w.itemOf(ana), reason: 'Keeping high-risk access needs a comment' }],
    });
    expect(await t.prisma.reviewDecision.count({ where: { itemId: w.itemOf(ana) } })).toBe(0);
    expect(
      (await decide(mark, { itemIds: [w.itemOf(ana)], decision: 'KEEP', comment: 'Month-end close' }))
        .applied,
    ).toEqual([w.itemOf(ana)]);

    expect(
      (
        await decide(mark, {
          itemIds: [w.itemOf(ben)],
          decision: 'REASSIGN',
          reassignToId: w.owner.id,
          comment: 'Olga knows this work',
        })
      ).applied,
    ).toEqual([w.itemOf(ben)]);
    expect(await t.prisma.reviewItem.findUniqueOrThrow({ where: { id: w.itemOf(ben) } })).toMatchObject({
      status: 'PENDING',
      reviewerId: w.owner.id,
    });
    expect((await decide(mark, { itemIds: [w.itemOf(ben)], decision: 'REVOKE' })).refused[0]?.reason).toBe(
      'You are not this item’s reviewer',
    );
    expect(
      (await decide(await t.actor(w.owner.id), { itemIds: [w.itemOf(ben)], decision: 'REVOKE' })).applied,
    ).toEqual([w.itemOf(ben)]);
    expect(
      (
        await t.prisma.reviewDecision.findMany({
          where: { itemId: w.itemOf(ben) },
          orderBy: { decidedAt: 'asc' },
        })
      ).map((d) => [d.decision, d.reassignedToId]),
    ).toEqual([
      ['REASSIGN', w.owner.id],
      ['REVOKE', null],
    ]);
    // Bad input for the whole call changes nothing.
    await expect(decide(mark, { itemIds: [w.itemOf(ana)], decision: 'REASSIGN' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(
      decide(mark, {
        itemIds: [w.itemOf(ana)],
        decision: 'REASSIGN',
        reassignToId: '00000000-0000-4000-8000-000000000000',
      }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('defers revocations to the close when the campaign says so; an item whose access ended meanwhile is ENDED', async () => {
    const w = await team({ campaign: { revokeTiming: 'AT_CLOSE' } });
    const [ana, ben] = w.reports;
    const mark = await t.actor(w.mark.id);
    expect((await decide(mark, { itemIds: [w.itemOf(ana)], decision: 'REVOKE' })).applied).toHaveLength(1);
    expect(await t.prisma.grant.findUniqueOrThrow({ where: { id: w.grants[0]!.id } })).toMatchObject({
      status: 'ACTIVE',
    });
    await t.prisma.grant.update({
      where: { id: w.grants[1]!.id },
      data: { status: 'REVOKED', revokedAt: new Date() },
    });
    expect((await decide(mark, { itemIds: [w.itemOf(ben)], decision: 'KEEP' })).refused[0]?.reason).toMatch(
      /already ended/,
    );
    expect(await t.prisma.reviewItem.findUniqueOrThrow({ where: { id: w.itemOf(ben) } })).toMatchObject({
      status: 'ENDED',
    });

    const closed = await closeCampaign(t.prisma, admin, { id: w.campaignId }, { queue: t.queue });
    expect(closed).toMatchObject({ status: 'CLOSED', kept: 1, revoked: 1, ended: 1, pending: 0 });
    expect(await t.prisma.grant.findUniqueOrThrow({ where: { id: w.grants[0]!.id } })).toMatchObject({
      status: 'REVOKED',
      revokedById: admin.identityId,
    });
    expect(
      (await t.prisma.reviewItem.findUniqueOrThrow({ where: { id: w.itemOf(ana) } })).revokedAt,
    ).not.toBeNull();
    // Closed: nothing more is decided.
    expect((await decide(mark, { itemIds: [w.itemOf(ana)], decision: 'KEEP' })).refused[0]?.reason).toBe(
      'The campaign is not open for decisions',
    );
  });

  it('at the due date the worker’s reviews.run job (as the portal’s database role) revokes what nobody decided, and the directory follows', async () => {
    const w = await team({ provision: true, campaign: { undecidedAction: 'REVOKE' } });
    const mark = await t.actor(w.mark.id);
    const [ana] = w.reports;
    expect((await decide(mark, { itemIds: [w.itemOf(ana)], decision: 'KEEP' })).applied).toHaveLength(1);
    expect(await dir.members(w.groupDn)).toHaveLength(3);
    await t.prisma.reviewCampaign.update({
      where: { id: w.campaignId },
      data: { dueAt: new Date(Date.now() - 1000) },
    });
    await t.boss.send('reviews.run', {});
    await waitFor(async () => (await dir.members(w.groupDn)).length === 1, {
      timeoutMs: 30_000,
      what: 'the undecided members to leave the directory',
    });
    expect(await dir.members(w.groupDn)).toEqual([await accountDn(ana.id, w.app.id)]);
    await waitFor(
      async () =>
        (await t.prisma.reviewCampaign.findUniqueOrThrow({ where: { id: w.campaignId } })).status ===
        'CLOSED',
      { what: 'the campaign to close' },
    );
    const decisions = await t.prisma.reviewDecision.findMany({
      where: { item: { campaignId: w.campaignId }, deciderId: null },
    });
    expect(decisions.map((d) => d.decision)).toEqual(['REVOKE', 'REVOKE']);
  });
});
