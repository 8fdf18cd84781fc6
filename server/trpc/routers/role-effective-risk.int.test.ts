import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApplication,
  createEntitlement,
  createGrant,
  createIdentity,
  createRole,
} from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';

/*
 * A role is shown, filtered and scoped at its effective risk (its own or its riskiest entitlement's,
 * docs/decisions/110 and 112) wherever the portal names a role's risk: My requests, the approval
 * inbox and its risk filter, a campaign's "high-risk only" scope, its items and the reviewer's queue;
 * and the reports: request and grant evidence, who has a role, the role picker, expiring access and
 * the SoD rule editor's list.
 */
const DAY = 86_400_000;
let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

describe('a role’s risk as the portal shows it', () => {
  it('is High for a Low role bundling a High entitlement: requests, approvals, campaign scope and items', async () => {
    const ivy = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });
    const mark = await createIdentity(t.prisma, { firstName: 'Mark' });
    const alice = await createIdentity(t.prisma, { firstName: 'Alice', managerId: mark.id });
    const app = await createApplication(t.prisma);
    const payroll = await createEntitlement(t.prisma, app.id, { name: 'Payroll', risk: 'HIGH' });
    const wiki = await createEntitlement(t.prisma, app.id, { name: 'Wiki', risk: 'LOW' });
    const finance = await createRole(t.prisma, {
      name: 'Finance Ops',
      risk: 'LOW',
      entitlementIds: [wiki.id, payroll.id],
    });
    const readers = await createRole(t.prisma, { name: 'Readers', risk: 'LOW', entitlementIds: [wiki.id] });

    const asAlice = await t.callerFor(alice.id);
    await asAlice.requests.create({
      items: [{ kind: 'ROLE', id: finance.id }],
      justification: 'Needed for the quarter close',
    });
    const [mine] = await asAlice.requests.listMine();
    expect(mine?.role).toMatchObject({ id: finance.id, risk: 'HIGH' });

    const asMark = await t.callerFor(mark.id);
    const inbox = await asMark.approvals.listMine({ status: 'PENDING', risk: 'HIGH', limit: 25 });
    expect(inbox.items.map((i) => i.request.role)).toEqual([
      expect.objectContaining({ id: finance.id, risk: 'HIGH' }),
    ]);
    expect((await asMark.approvals.listMine({ status: 'PENDING', risk: 'LOW', limit: 25 })).items).toEqual(
      [],
    );

    // Alice holds both roles; a "high-risk only" campaign over them reviews Finance Ops alone.
    for (const role of [finance, readers])
      await createGrant(t.prisma, {
        identityId: alice.id,
        roleId: role.id,
        startsAt: new Date(Date.now() - DAY),
      });
    const admin = await t.callerFor(ivy.id);
    const now = new Date();
    const campaign = await admin.reviews.createCampaign({
      name: 'High-risk roles',
      scope: { roleIds: [finance.id, readers.id], highRiskOnly: true },
      stages: [{ reviewerKind: 'MANAGER' as const }],
      startsAt: now,
      dueAt: new Date(now.getTime() + 7 * DAY),
    });
    await admin.reviews.startCampaign({ id: campaign.id });
    const { items } = await admin.reviews.campaignItems({ campaignId: campaign.id });
    expect(items.map((i) => i.role)).toEqual([{ id: finance.id, name: 'Finance Ops', risk: 'HIGH' }]);
    const queue = await asMark.reviews.myQueue({ status: 'WAITING' });
    expect(queue.rows.map((r) => [r.role?.id, r.risk])).toEqual([[finance.id, 'HIGH']]);
  });

  it('is High for a Low role bundling a High entitlement: evidence, who has, the role picker, expiring access, SoD items', async () => {
    const ivy = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });
    const mark = await createIdentity(t.prisma, { firstName: 'Mark' });
    const bea = await createIdentity(t.prisma, { firstName: 'Bea', managerId: mark.id });
    const app = await createApplication(t.prisma);
    const payroll = await createEntitlement(t.prisma, app.id, { name: 'Payroll', risk: 'HIGH' });
    const role = await createRole(t.prisma, { name: 'Treasury', risk: 'LOW', entitlementIds: [payroll.id] });

    const asBea = await t.callerFor(bea.id);
    await asBea.requests.create({ items: [{ kind: 'ROLE', id: role.id }], justification: 'Quarter close' });
    const [request] = await asBea.requests.listMine();
    const grant = await createGrant(t.prisma, {
      identityId: bea.id,
      roleId: role.id,
      startsAt: new Date(Date.now() - DAY),
      endsAt: new Date(Date.now() + 3 * DAY),
    });

    const admin = await t.callerFor(ivy.id);
    const evidence = await admin.requestReports.getEvidence({ id: request!.id });
    expect(evidence.request.item).toMatchObject({ kind: 'ROLE', risk: 'HIGH' });
    expect((await admin.reports.grantEvidence({ id: grant.id })).grant.role).toEqual({
      id: role.id,
      name: 'Treasury',
      risk: 'HIGH',
    });
    expect((await admin.reports.whoHas({ role: role.id })).scope.role).toEqual({
      id: role.id,
      name: 'Treasury',
      risk: 'HIGH',
    });
    expect(await admin.reports.lookup({ kind: 'role', id: role.id })).toEqual([
      { id: role.id, label: 'Treasury', detail: 'Business role · 1 entitlements · high risk' },
    ]);
    const expiring = await admin.reports.expiring({ days: 7 });
    expect(expiring.rows.filter((r) => r.grantId === grant.id).map((r) => r.item.risk)).toEqual(['HIGH']);
    expect((await admin.sod.items()).filter((i) => i.id === role.id)).toEqual([
      { kind: 'ROLE', id: role.id, name: 'Treasury', risk: 'HIGH', application: null },
    ]);
  });
});
