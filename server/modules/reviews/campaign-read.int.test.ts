import type { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleReportExport } from '@/server/exports/handle-report-export.ts';
import { REPORT_EXPORTS } from '@/server/exports/report-exports.ts';
import {
  createApplication,
  createEntitlement,
  createGrant,
  createIdentity,
  createTeam,
} from '@/server/seed/factories.ts';
import { createReviewCampaign, createReviewItem } from '@/server/seed/review-factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';

let t: TTestContext;
const ids: Record<string, string> = {};
const at = (iso: string) => new Date(iso);
const refused = (p: Promise<unknown>) =>
  p.then(
    () => 'OK',
    (e: unknown) => (e as TRPCError).code,
  );

/*
 * A closed quarterly review of Ledger: Maria kept Raj's Ledger Approver (high risk, with a comment)
 * and revoked his Ledger Viewer (the target confirmed the removal), Mia's viewer access was left
 * undecided and kept at the due date; at stage 2 the controllers' team kept Raj's approver access.
 * An active review has two items for Maria, one decided.
 */
beforeAll(async () => {
  t = await createTestContext();
  const ledger = await createApplication(t.prisma, { name: 'Ledger' });
  const approver = await createEntitlement(t.prisma, ledger.id, {
    name: 'Ledger Approver',
    risk: 'HIGH',
    externalId: 'cn=ledger-approver',
  });
  const viewer = await createEntitlement(t.prisma, ledger.id, {
    name: 'Ledger Viewer',
    externalId: 'cn=ledger-viewer',
  });
  const maria = await createIdentity(t.prisma, { username: 'maria', displayName: 'Maria Lopez' });
  const raj = await createIdentity(t.prisma, {
    username: 'raj',
    displayName: 'Raj Patel',
    managerId: maria.id,
    department: 'Finance',
  });
  const mia = await createIdentity(t.prisma, {
    username: 'mia',
    displayName: 'Mia Johansson',
    managerId: maria.id,
    department: 'Finance',
  });
  const controllers = await createTeam(t.prisma, { name: 'Finance controllers', memberIds: [maria.id] });
  ids.auditor = (await createIdentity(t.prisma, { username: 'audrey', portalRoles: ['AUDITOR'] })).id;
  ids.admin = (await createIdentity(t.prisma, { username: 'ida', portalRoles: ['IDENTITY_ADMIN'] })).id;
  ids.employee = (await createIdentity(t.prisma, { username: 'emma' })).id;
  Object.assign(ids, {
    maria: maria.id,
    raj: raj.id,
    mia: mia.id,
    ledger: ledger.id,
    approver: approver.id,
    viewer: viewer.id,
    controllers: controllers.id,
  });

  const rajApprover = await createGrant(t.prisma, { identityId: raj.id, entitlementId: approver.id });
  ids.rajApprover = rajApprover.id;
  const rajViewer = await createGrant(t.prisma, { identityId: raj.id, entitlementId: viewer.id });
  const miaViewer = await createGrant(t.prisma, { identityId: mia.id, entitlementId: viewer.id });
  ids.miaViewer = miaViewer.id;
  await t.prisma.grant.update({
    where: { id: rajViewer.id },
    data: { status: 'REVOKED', revokedAt: at('2026-03-20T10:00:00Z'), endedAt: at('2026-03-20T10:00:00Z') },
  });

  const closed = await createReviewCampaign(t.prisma, {
    name: 'Q1 Ledger review',
    status: 'CLOSED',
    scope: { applicationIds: [ledger.id], highRiskOnly: false, notReviewedDays: 90 },
    startsAt: at('2026-03-01T00:00:00Z'),
    dueAt: at('2026-03-31T00:00:00Z'),
    closedAt: at('2026-03-31T00:00:00Z'),
    recurrenceMonths: 3,
    stages: [{ reviewerKind: 'MANAGER' }, { reviewerKind: 'TEAM', teamId: controllers.id }],
  });
  ids.closed = closed.id;
  ids.kept = (
    await createReviewItem(t.prisma, {
      campaign: closed,
      grant: rajApprover,
      reviewerTeamId: controllers.id,
      status: 'KEPT',
      stage: 2,
      decisions: [
        {
          decision: 'KEEP',
          at: at('2026-03-10T09:00:00Z'),
          deciderId: maria.id,
          comment: 'Approves invoices, needed',
        },
        {
          decision: 'KEEP',
          at: at('2026-03-12T09:00:00Z'),
          deciderId: maria.id,
          stage: 2,
          comment: 'Confirmed by the controllers',
        },
      ],
    })
  ).id;
  ids.revoked = (
    await createReviewItem(t.prisma, {
      campaign: closed,
      grant: rajViewer,
      reviewerId: maria.id,
      status: 'REVOKED',
      revokedAt: at('2026-03-20T10:00:00Z'),
      decisions: [
        {
          decision: 'REVOKE',
          at: at('2026-03-20T10:00:00Z'),
          deciderId: maria.id,
          comment: 'No longer in accounts payable',
        },
      ],
    })
  ).id;
  ids.auto = (
    await createReviewItem(t.prisma, {
      campaign: closed,
      grant: miaViewer,
      reviewerId: maria.id,
      status: 'KEPT',
      decisions: [{ decision: 'KEEP', at: at('2026-03-31T00:00:00Z'), deciderId: null }],
    })
  ).id;
  // The revocation's removal (done), and one on Raj's viewer access from before the review (not the review's).
  const op = (createdAt: Date, nativeId: string) =>
    t.prisma.provisioningOperation.create({
      data: {
        applicationId: ledger.id,
        identityId: raj.id,
        entitlementId: viewer.id,
        kind: 'REMOVE_ENTITLEMENT',
        reason: 'REVOKED',
        status: 'SUCCEEDED',
        outcome: 'applied',
        createdAt,
        finishedAt: createdAt,
        result: { nativeId },
      },
    });
  ids.removal = (await op(at('2026-03-20T10:00:00Z'), 'uid=raj,ou=people')).id;
  await op(at('2026-02-01T00:00:00Z'), 'uid=raj,ou=old');

  const active = await createReviewCampaign(t.prisma, {
    name: 'Q2 Ledger review',
    status: 'ACTIVE',
    scope: { entitlementIds: [approver.id], highRiskOnly: true },
    startsAt: at('2026-06-01T00:00:00Z'),
    dueAt: at('2026-06-30T00:00:00Z'),
  });
  ids.active = active.id;
  await createReviewItem(t.prisma, {
    campaign: active,
    grant: rajApprover,
    reviewerId: maria.id,
    status: 'KEPT',
    decisions: [
      { decision: 'KEEP', at: at('2026-06-02T09:00:00Z'), deciderId: maria.id, comment: 'Still approves' },
    ],
  });
  await createReviewItem(t.prisma, { campaign: active, grant: miaViewer, reviewerId: maria.id });
  await createReviewCampaign(t.prisma, {
    name: 'Q3 draft',
    status: 'DRAFT',
    startsAt: at('2026-09-01T00:00:00Z'),
    dueAt: at('2026-09-30T00:00:00Z'),
  });
});
afterAll(() => t.close());

describe('campaigns, read', () => {
  it('lists campaigns newest first with their progress, by status', async () => {
    const auditor = await t.callerFor(ids.auditor!);
    const all = await auditor.reviews.listCampaigns({});
    expect(all.items.map((c) => [c.name, c.status, c.progress.done, c.progress.total])).toEqual([
      ['Q3 draft', 'DRAFT', 0, 0],
      ['Q2 Ledger review', 'ACTIVE', 1, 2],
      ['Q1 Ledger review', 'CLOSED', 3, 3],
    ]);
    expect(all.total).toBe(3);
    expect((await auditor.reviews.listCampaigns({ status: 'ACTIVE' })).items.map((c) => c.name)).toEqual([
      'Q2 Ledger review',
    ]);
    const paged = await auditor.reviews.listCampaigns({ limit: 2 });
    expect([paged.items.length, paged.nextCursor]).toEqual([2, 2]);
    expect((await auditor.reviews.listCampaigns({ limit: 2, cursor: 2 })).items.map((c) => c.name)).toEqual([
      'Q1 Ledger review',
    ]);
  });

  it('shows one campaign: scope in words, stages, progress overall and per reviewer', async () => {
    const c = await (await t.callerFor(ids.admin!)).reviews.getCampaign({ id: ids.closed! });
    expect(c.scope.words).toBe('Everything in Ledger; not kept in a review in the last 90 days');
    expect(c.stages.map((s) => [s.position, s.words])).toEqual([
      [1, "The person's manager"],
      [2, 'Any member of Finance controllers'],
    ]);
    expect(c.progress).toEqual({ done: 3, total: 3 });
    expect(c.recurrenceMonths).toBe(3);
    expect(c.undecided).toEqual({ kept: 1, revoked: 0, escalated: 0, pending: 0 });
    expect(c.reviewers.map((r) => [r.name, r.kind, r.done, r.total])).toEqual([
      ['Finance controllers', 'TEAM', 1, 1],
      ['Maria Lopez', 'PERSON', 2, 2],
    ]);
    const active = await (await t.callerFor(ids.auditor!)).reviews.getCampaign({ id: ids.active! });
    expect([active.scope.words, active.progress]).toEqual([
      'Ledger Approver (Ledger); high-risk access only',
      { done: 1, total: 2 },
    ]);
    expect(active.undecided).toEqual({ kept: 0, revoked: 0, escalated: 0, pending: 1 });
    expect(await refused((await t.callerFor(ids.auditor!)).reviews.getCampaign({ id: ids.raj! }))).toBe(
      'NOT_FOUND',
    );
  });

  it('pages the items with every decision and the revocation in the target, and filters them', async () => {
    const auditor = await t.callerFor(ids.auditor!);
    const first = await auditor.reviews.campaignItems({ campaignId: ids.closed!, limit: 2 });
    const second = await auditor.reviews.campaignItems({
      campaignId: ids.closed!,
      limit: 2,
      cursor: first.nextCursor,
    });
    expect([first.total, second.total, second.nextCursor]).toEqual([3, null, null]);
    const rows = [...first.items, ...second.items];
    // Mia before Raj; Raj's two items in id order.
    expect(rows.map((r) => r.identity.displayName)).toEqual(['Mia Johansson', 'Raj Patel', 'Raj Patel']);
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(
      byId.get(ids.kept!)!.decisions.map((d) => [d.stage, d.decision, d.decider?.displayName, d.comment]),
    ).toEqual([
      [1, 'KEEP', 'Maria Lopez', 'Approves invoices, needed'],
      [2, 'KEEP', 'Maria Lopez', 'Confirmed by the controllers'],
    ]);
    expect(byId.get(ids.auto!)!.decisions.map((d) => [d.decision, d.decider])).toEqual([['KEEP', null]]);
    expect(byId.get(ids.revoked!)!.provisioning.map((o) => [o.id, o.kind, o.status, o.targetId])).toEqual([
      [ids.removal, 'REMOVE_ENTITLEMENT', 'SUCCEEDED', 'uid=raj,ou=people'],
    ]);
    expect(byId.get(ids.kept!)!.provisioning).toEqual([]);

    const only = async (f: Record<string, string>) =>
      (await auditor.reviews.campaignItems({ campaignId: ids.closed!, ...f })).items.map((r) => r.id).sort();
    expect(await only({ status: 'REVOKED' })).toEqual([ids.revoked]);
    expect(await only({ decision: 'KEEP' })).toEqual([ids.kept, ids.auto].sort());
    expect(await only({ reviewer: ids.controllers! })).toEqual([ids.kept]);
    expect(await only({ search: 'mia' })).toEqual([ids.auto]);
    expect(await only({ search: 'approver' })).toEqual([ids.kept]);
    expect(
      await refused(auditor.reviews.campaignItems({ campaignId: ids.closed!, cursor: 'not-a-cursor' })),
    ).toBe('BAD_REQUEST');
    expect(
      await refused(auditor.reviews.campaignItems({ campaignId: ids.closed!, status: 'MAYBE' as 'KEPT' })),
    ).toBe('BAD_REQUEST');
  });

  it('refuses people without reviews.read', async () => {
    const emma = await t.callerFor(ids.employee!);
    expect(await refused(emma.reviews.listCampaigns({}))).toBe('FORBIDDEN');
    expect(await refused(emma.reviews.getCampaign({ id: ids.closed! }))).toBe('FORBIDDEN');
    expect(await refused(emma.reviews.campaignItems({ campaignId: ids.closed! }))).toBe('FORBIDDEN');
    const res = await handleReportExport(
      new Request(`http://portal/api/reports/access-review/export?campaign=${ids.closed}`),
      {
        db: t.prisma,
        exports: REPORT_EXPORTS,
        actor: () => t.actor(ids.employee!),
      },
    );
    expect(res.status).toBe(403);
  });

  it('lets an auditor read but not create, start or close', async () => {
    const auditor = await t.callerFor(ids.auditor!);
    const fields = {
      name: 'Mine',
      stages: [{ reviewerKind: 'MANAGER' as const }],
      startsAt: at('2026-07-01T00:00:00Z'),
      dueAt: at('2026-07-31T00:00:00Z'),
    };
    expect(await refused(auditor.reviews.createCampaign(fields))).toBe('FORBIDDEN');
    expect(await refused(auditor.reviews.startCampaign({ id: ids.active! }))).toBe('FORBIDDEN');
    expect(await refused(auditor.reviews.closeCampaign({ id: ids.active! }))).toBe('FORBIDDEN');
    expect((await auditor.reviews.listCampaigns({})).total).toBe(3);
  });
});

describe('the campaign report as CSV', () => {
  const download = async (query: string) => {
    const res = await handleReportExport(
      new Request(`http://portal/api/reports/access-review/export?${query}`),
      {
        db: t.prisma,
        exports: REPORT_EXPORTS,
        actor: () => t.actor(ids.auditor!),
      },
    );
    return { status: res.status, lines: (await res.text()).trim().split('\n') };
  };

  it('holds one line per decision, what became of each item and the revocation in the target', async () => {
    const { status, lines } = await download(`campaign=${ids.closed}`);
    expect(status).toBe(200);
    expect(lines[0]).toBe(
      'Campaign,Item id,Person,Username,Department,Access,Application,Risk,Stage,Decision,Decided at,Decided by,Reassigned to,Comment,Outcome,Revoked at,Provisioning',
    );
    const sorted = [ids.kept!, ids.revoked!].sort();
    expect(lines.slice(1)).toEqual([
      `Q1 Ledger review,${ids.auto},Mia Johansson,mia,Finance,Ledger Viewer,Ledger,LOW,1,KEEP,2026-03-31T00:00:00.000Z,Automatically at the due date,,,Kept automatically at the due date,,`,
      ...sorted.flatMap((id) =>
        id === ids.kept
          ? [
              `Q1 Ledger review,${id},Raj Patel,raj,Finance,Ledger Approver,Ledger,HIGH,1,KEEP,2026-03-10T09:00:00.000Z,Maria Lopez,,"Approves invoices, needed",Kept,,`,
              `Q1 Ledger review,${id},Raj Patel,raj,Finance,Ledger Approver,Ledger,HIGH,2,KEEP,2026-03-12T09:00:00.000Z,Maria Lopez,,Confirmed by the controllers,Kept,,`,
            ]
          : [
              `Q1 Ledger review,${id},Raj Patel,raj,Finance,Ledger Viewer,Ledger,LOW,1,REVOKE,2026-03-20T10:00:00.000Z,Maria Lopez,,No longer in accounts payable,Revoked,2026-03-20T10:00:00.000Z,"REMOVE_ENTITLEMENT in Ledger: SUCCEEDED at 2026-03-20T10:00:00.000Z (target id uid=raj,ou=people)"`,
            ],
      ),
    ]);
  });

  it('keeps the page filters, lists an undecided item once, and refuses a bad filter', async () => {
    expect((await download(`campaign=${ids.closed}&status=REVOKED`)).lines).toHaveLength(2);
    const active = await download(`campaign=${ids.active}&status=PENDING`);
    expect(active.lines.slice(1)).toEqual([
      expect.stringMatching(
        /^Q2 Ledger review,[^,]+,Mia Johansson,mia,Finance,Ledger Viewer,Ledger,LOW,,,,,,,Undecided,,$/,
      ),
    ]);
    expect((await download('campaign=nope')).status).toBe(400);
    expect((await download(`campaign=${ids.closed}&decision=MAYBE`)).status).toBe(400);
  });
});

describe("a grant's review history in the access reports", () => {
  it('shows the last review on the why and every decision on the evidence page', async () => {
    const auditor = await t.callerFor(ids.auditor!);
    const who = await auditor.reports.whoHas({ entitlement: ids.approver! });
    expect(who.rows.flatMap((r) => r.why.map((w) => [r.displayName, w.review]))).toEqual([
      [
        'Raj Patel',
        {
          campaignId: ids.active,
          campaign: 'Q2 Ledger review',
          at: at('2026-06-02T09:00:00Z'),
          by: 'Maria Lopez',
          outcome: 'KEPT',
        },
      ],
    ]);
    const viewers = await auditor.reports.whoHas({ entitlement: ids.viewer! });
    expect(
      viewers.rows.flatMap((r) =>
        r.why.map((w) => [r.displayName, w.review?.by ?? 'none', w.review?.campaign]),
      ),
    ).toEqual([['Mia Johansson', 'none', 'Q1 Ledger review']]);

    const evidence = await auditor.reports.grantEvidence({ id: ids.rajApprover! });
    expect(
      evidence.reviews.map((r) => [
        r.campaign.name,
        r.status,
        r.decisions.map((d) => [d.stage, d.decision, d.decider]),
      ]),
    ).toEqual([
      [
        'Q1 Ledger review',
        'KEPT',
        [
          [1, 'KEEP', 'Maria Lopez'],
          [2, 'KEEP', 'Maria Lopez'],
        ],
      ],
      ['Q2 Ledger review', 'KEPT', [[1, 'KEEP', 'Maria Lopez']]],
    ]);
    const csv = await handleReportExport(
      new Request(`http://portal/api/reports/who-has/export?entitlement=${ids.approver}`),
      { db: t.prisma, exports: REPORT_EXPORTS, actor: () => t.actor(ids.auditor!) },
    );
    expect(await csv.text()).toContain('reviewed in Q2 Ledger review on 2026-06-02 by Maria Lopez: kept');
  });
});
