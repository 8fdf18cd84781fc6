import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApplication,
  createEntitlement,
  createGrant,
  createIdentity,
  createRole,
} from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { listExpiring } from './expiring-report.ts';
import { listLeavers } from './leavers-report.ts';
import { getWhoHasReport } from './who-has.ts';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

const DAY = 86_400_000;
const NOW = new Date('2026-12-04T10:00:00Z');

describe('risk reports', () => {
  it('lists leavers who still hold grants, enabled accounts or memberships, and nobody whose leaving was carried out', async () => {
    const app = await createApplication(t.prisma, { name: 'Mailer' });
    const other = await createApplication(t.prisma, { name: 'Other' });
    const lists = await createEntitlement(t.prisma, app.id, { name: 'Mailing lists' });
    const dept = 'Leavers test';
    // Lea left, but a grant survived the kill switch.
    const lea = await createIdentity(t.prisma, {
      username: 'lea',
      displayName: 'Lea L',
      department: dept,
      status: 'TERMINATED',
    });
    await createGrant(t.prisma, { identityId: lea.id, entitlementId: lists.id, source: 'ADMIN' });
    // Max's end date passed three days ago; no source has said so yet, and his account is enabled.
    const max = await createIdentity(t.prisma, {
      username: 'max',
      displayName: 'Max M',
      department: dept,
      endDate: new Date(NOW.getTime() - 3 * DAY),
    });
    await t.prisma.account.create({
      data: { applicationId: app.id, identityId: max.id, username: 'max', nativeId: 'uid=max' },
    });
    // Noa left; her account is disabled but a membership is still being removed from the target.
    const noa = await createIdentity(t.prisma, {
      username: 'noa',
      displayName: 'Noa N',
      department: dept,
      status: 'TERMINATED',
    });
    const noaAccount = await t.prisma.account.create({
      data: { applicationId: other.id, identityId: noa.id, username: 'noa', status: 'DISABLED' },
    });
    await t.prisma.accountEntitlement.create({
      data: {
        accountId: noaAccount.id,
        entitlementId: (await createEntitlement(t.prisma, other.id, { name: 'Shared drive' })).id,
        status: 'REMOVING',
      },
    });
    // Carried out: Oli's grant revoked, account disabled, nothing committed. Pam leaves tomorrow.
    const oli = await createIdentity(t.prisma, {
      username: 'oli',
      displayName: 'Oli O',
      department: dept,
      status: 'TERMINATED',
    });
    const revoked = await createGrant(t.prisma, { identityId: oli.id, entitlementId: lists.id });
    await t.prisma.grant.update({ where: { id: revoked.id }, data: { status: 'REVOKED', revokedAt: NOW } });
    await t.prisma.account.create({
      data: { applicationId: app.id, identityId: oli.id, username: 'oli', status: 'DISABLED' },
    });
    const pam = await createIdentity(t.prisma, {
      username: 'pam',
      displayName: 'Pam P',
      department: dept,
      endDate: new Date(NOW.getTime()),
    });
    await t.prisma.account.create({ data: { applicationId: app.id, identityId: pam.id, username: 'pam' } });

    const page = await listLeavers(t.prisma, { department: dept }, { now: NOW });
    expect(
      page.rows.map((r) => [
        r.username,
        r.grants.map((g) => `${g.item}:${g.source}`),
        r.accounts.map((a) => `${a.applicationName}:${a.nativeId}`),
        r.memberships.map((m) => `${m.entitlementName}:${m.status}`),
      ]),
    ).toEqual([
      ['lea', ['Mailing lists:ADMIN'], [], []],
      ['max', [], ['Mailer:uid=max'], []],
      ['noa', [], [], ['Shared drive:REMOVING']],
    ]);
    expect(
      (await listLeavers(t.prisma, { department: dept, application: app.id }, { now: NOW })).rows.map(
        (r) => r.username,
      ),
    ).toEqual(['lea', 'max']);
    const first = await listLeavers(t.prisma, { department: dept, limit: 2 }, { now: NOW });
    expect(
      [
        ...first.rows,
        ...(await listLeavers(t.prisma, { department: dept, cursor: first.next, limit: 2 }, { now: NOW }))
          .rows,
      ].map((r) => r.username),
    ).toEqual(['lea', 'max', 'noa']);
  });

  it('lists who holds high-risk entitlements, directly or through a role, with why', async () => {
    const app = await createApplication(t.prisma, { name: 'Bank' });
    const wire = await createEntitlement(t.prisma, app.id, { name: 'Wire transfers', risk: 'HIGH' });
    const view = await createEntitlement(t.prisma, app.id, { name: 'Statements', risk: 'LOW' });
    const role = await createRole(t.prisma, { name: 'Cashier', entitlementIds: [wire.id, view.id] });
    const ria = await createIdentity(t.prisma, { username: 'ria', displayName: 'Ria R' });
    const sol = await createIdentity(t.prisma, { username: 'sol', displayName: 'Sol S' });
    await createGrant(t.prisma, { identityId: ria.id, entitlementId: wire.id, source: 'ADMIN' });
    await createGrant(t.prisma, { identityId: sol.id, roleId: role.id, source: 'ADMIN' });
    await createGrant(t.prisma, { identityId: sol.id, entitlementId: view.id, source: 'ADMIN' });
    const report = await getWhoHasReport(
      t.prisma,
      { application: app.id, risk: 'HIGH' },
      { now: new Date() },
    );
    expect(
      report.rows.map((r) => [
        r.username,
        r.entitlementName,
        r.risk,
        r.why.map((w) => w.role?.name ?? w.source),
      ]),
    ).toEqual([
      ['ria', 'Wire transfers', 'HIGH', ['ADMIN']],
      ['sol', 'Wire transfers', 'HIGH', ['Cashier']],
    ]);
  });

  it('lists grants that end within N days, soonest first, and nothing already past or further out', async () => {
    const app = await createApplication(t.prisma, { name: 'Deploys' });
    const prod = await createEntitlement(t.prisma, app.id, { name: 'Production deploy', risk: 'HIGH' });
    const role = await createRole(t.prisma, { name: 'Release captain', entitlementIds: [prod.id] });
    const dept = 'Expiring test';
    const person = (u: string) =>
      createIdentity(t.prisma, { username: u, displayName: u.toUpperCase(), department: dept });
    const [a, b, c, d] = await Promise.all(['exp-a', 'exp-b', 'exp-c', 'exp-d'].map(person));
    const in20 = await createGrant(t.prisma, {
      identityId: a!.id,
      entitlementId: prod.id,
      endsAt: new Date(NOW.getTime() + 20 * DAY),
      startsAt: new Date(NOW.getTime() - DAY),
    });
    const in3 = await createGrant(t.prisma, {
      identityId: b!.id,
      roleId: role.id,
      endsAt: new Date(NOW.getTime() + 3 * DAY - 1000),
      startsAt: new Date(NOW.getTime() - DAY),
    });
    await createGrant(t.prisma, {
      identityId: c!.id,
      entitlementId: prod.id,
      endsAt: new Date(NOW.getTime() + 40 * DAY),
      startsAt: new Date(NOW.getTime() - DAY),
    });
    await createGrant(t.prisma, {
      identityId: d!.id,
      entitlementId: prod.id,
      endsAt: new Date(NOW.getTime() - DAY),
      startsAt: new Date(NOW.getTime() - 2 * DAY),
    });

    const month = await listExpiring(t.prisma, { days: 30, department: dept }, { now: NOW });
    expect(month.rows.map((r) => [r.grantId, r.username, r.item.kind, r.item.name, r.daysLeft])).toEqual([
      [in3.id, 'exp-b', 'ROLE', 'Release captain', 3],
      [in20.id, 'exp-a', 'ENTITLEMENT', 'Production deploy', 20],
    ]);
    expect(
      (await listExpiring(t.prisma, { days: 7, department: dept }, { now: NOW })).rows.map((r) => r.username),
    ).toEqual(['exp-b']);
    expect(
      (
        await listExpiring(
          t.prisma,
          { days: 30, department: dept, application: app.id, limit: 1 },
          { now: NOW },
        )
      ).next,
    ).toEqual({ endsAt: in3.endsAt, grantId: in3.id });
  });
});
