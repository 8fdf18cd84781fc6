import type { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApplication,
  createEntitlement,
  createGrant,
  createIdentity,
  createRole,
  createSodRule,
} from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { chartAccessGrowth } from './chart-access-growth.ts';
import { chartOpenSodViolations } from './chart-open-sod-violations.ts';
import { chartRequestsPerWeek } from './chart-requests-per-week.ts';
import { chartTimeToApprove } from './chart-time-to-approve.ts';

let t: TTestContext;
let person: { id: string };
let entitlementId: string;
beforeAll(async () => {
  t = await createTestContext();
  person = await createIdentity(t.prisma);
  const app = await createApplication(t.prisma, { name: 'Requests app' });
  entitlementId = (await createEntitlement(t.prisma, app.id)).id;
});
afterAll(async () => {
  await t?.close();
});

const HOUR = 3_600_000;
const later = new Date('2026-06-01T00:00:00Z');

async function request(
  status: 'PENDING' | 'APPROVED' | 'DENIED' | 'CANCELLED' | 'EXPIRED',
  createdAt: string,
  decidedAfterMs?: number,
  auto = false,
) {
  const created = new Date(createdAt);
  await t.prisma.accessRequest.create({
    data: {
      batchId: crypto.randomUUID(),
      requesterId: person.id,
      beneficiaryId: person.id,
      entitlementId,
      justification: 'chart data',
      status,
      createdAt: created,
      decidedAt: decidedAfterMs === undefined ? null : new Date(created.getTime() + decidedAfterMs),
      autoApprovedBy: auto ? crypto.randomUUID() : null,
    },
  });
}

describe('chart aggregates, each one query, against data whose answer is known', () => {
  it('requests per week by outcome: Monday weeks, the range’s days only, empty weeks too', async () => {
    await request('APPROVED', '2026-03-03T12:00:00.000Z', HOUR); // the day before the range
    await request('APPROVED', '2026-03-04T00:00:00.000Z', HOUR);
    await request('DENIED', '2026-03-08T23:59:59.999Z', HOUR);
    await request('PENDING', '2026-03-09T00:00:00.000Z');
    await request('CANCELLED', '2026-03-12T10:00:00.000Z', HOUR);
    await request('EXPIRED', '2026-03-13T10:00:00.000Z', HOUR);
    await request('APPROVED', '2026-03-22T23:59:59.999Z', HOUR);
    await request('APPROVED', '2026-03-23T00:00:00.000Z', HOUR); // the day after
    const zero = { approved: 0, denied: 0, cancelled: 0, expired: 0, pending: 0 };
    expect(await chartRequestsPerWeek(t.prisma, { from: '2026-03-04', to: '2026-03-22' })).toEqual([
      { weekStart: '2026-03-02', ...zero, approved: 1, denied: 1, total: 2 },
      { weekStart: '2026-03-09', ...zero, pending: 1, cancelled: 1, expired: 1, total: 3 },
      { weekStart: '2026-03-16', ...zero, approved: 1, total: 1 },
    ]);
    expect(await chartRequestsPerWeek(t.prisma, { from: '2026-02-02', to: '2026-02-15' })).toEqual([
      { weekStart: '2026-02-02', ...zero, total: 0 },
      { weekStart: '2026-02-09', ...zero, total: 0 },
    ]);
  });

  it('time to approve: a histogram of approved requests decided in the range, with the median', async () => {
    await request('APPROVED', '2026-04-02T09:00:00.000Z', HOUR / 2);
    await request('APPROVED', '2026-04-02T09:00:00.000Z', HOUR); // a bin's lower edge belongs to it
    await request('APPROVED', '2026-04-03T09:00:00.000Z', 2 * HOUR);
    await request('APPROVED', '2026-04-03T10:00:00.000Z', 2 * HOUR);
    await request('APPROVED', '2026-04-05T09:00:00.000Z', 30 * HOUR);
    await request('APPROVED', '2026-04-10T09:00:00.000Z', 240 * HOUR);
    await request('APPROVED', '2026-04-08T09:00:00.000Z', 480 * HOUR);
    await request('APPROVED', '2026-04-06T09:00:00.000Z', -1, true); // stamped a moment "before" it was submitted
    await request('DENIED', '2026-04-06T09:00:00.000Z', HOUR);
    await request('APPROVED', '2026-04-30T23:00:00.000Z', HOUR); // decided on 1 May
    const chart = await chartTimeToApprove(t.prisma, { from: '2026-04-01', to: '2026-04-30' });
    expect(chart).toEqual({
      bins: [
        { label: 'Under 1 hour', requests: 2 },
        { label: '1–4 hours', requests: 3 },
        { label: '4–24 hours', requests: 0 },
        { label: '1–3 days', requests: 1 },
        { label: '3–7 days', requests: 0 },
        { label: '7–14 days', requests: 1 },
        { label: '14 days or more', requests: 1 },
      ],
      total: 8,
      automatic: 1,
      medianHours: 2,
    });
    expect(await chartTimeToApprove(t.prisma, { from: '2025-01-01', to: '2025-01-31' })).toMatchObject({
      total: 0,
      automatic: 0,
      medianHours: null,
      bins: expect.arrayContaining([{ label: 'Under 1 hour', requests: 0 }]),
    });
  });

  it('access growth: grants in force per application at each period’s end, a role counted once per application it reached', async () => {
    const a = await createApplication(t.prisma, { name: 'Alpha' });
    const b = await createApplication(t.prisma, { name: 'Beta' });
    await createApplication(t.prisma, { name: 'Gamma (no grants)' });
    const a1 = await createEntitlement(t.prisma, a.id);
    const a2 = await createEntitlement(t.prisma, a.id);
    const b1 = await createEntitlement(t.prisma, b.id);
    const holder = await createIdentity(t.prisma);
    await createGrant(t.prisma, {
      identityId: holder.id,
      entitlementId: a1.id,
      startsAt: new Date('2026-01-06T00:00:00Z'),
    });
    const other = await createIdentity(t.prisma);
    const revoked = await createGrant(t.prisma, {
      identityId: other.id,
      entitlementId: a1.id,
      startsAt: new Date('2026-01-13T00:00:00Z'),
    });
    await t.prisma.grant.update({
      where: { id: revoked.id },
      data: { status: 'REVOKED', revokedAt: new Date('2026-01-20T00:00:00Z') },
    });
    await createGrant(t.prisma, {
      identityId: holder.id,
      entitlementId: a2.id,
      startsAt: new Date('2026-01-01T00:00:00Z'),
      endsAt: new Date('2026-01-25T00:00:00Z'),
    });
    // The role's history as the database would have kept it: what it bundled when.
    const role = await createRole(t.prisma, { entitlementIds: [] });
    await t.prisma.roleEntitlementPeriod.createMany({
      data: [
        { roleId: role.id, entitlementId: a1.id, startedAt: new Date('2026-01-01T00:00:00Z') },
        {
          roleId: role.id,
          entitlementId: a2.id,
          startedAt: new Date('2026-01-01T00:00:00Z'),
          endedAt: new Date('2026-01-22T00:00:00Z'),
        },
        { roleId: role.id, entitlementId: b1.id, startedAt: new Date('2026-01-15T00:00:00Z') },
      ],
    });
    await createGrant(t.prisma, {
      identityId: holder.id,
      roleId: role.id,
      startsAt: new Date('2026-01-10T00:00:00Z'),
    });

    const rows = (points: Awaited<ReturnType<typeof chartAccessGrowth>>) =>
      points.map((p) => [p.period, p.at.toISOString().slice(0, 10), p.applicationName, p.grants]);
    expect(
      rows(
        await chartAccessGrowth(
          t.prisma,
          { from: '2026-01-05', to: '2026-02-01', by: 'week' },
          { now: later },
        ),
      ),
    ).toEqual([
      ['2026-01-05', '2026-01-12', 'Alpha', 3],
      ['2026-01-05', '2026-01-12', 'Beta', 0],
      ['2026-01-12', '2026-01-19', 'Alpha', 4],
      ['2026-01-12', '2026-01-19', 'Beta', 1],
      ['2026-01-19', '2026-01-26', 'Alpha', 2],
      ['2026-01-19', '2026-01-26', 'Beta', 1],
      ['2026-01-26', '2026-02-02', 'Alpha', 2],
      ['2026-01-26', '2026-02-02', 'Beta', 1],
    ]);
    expect(
      rows(
        await chartAccessGrowth(
          t.prisma,
          { from: '2026-01-01', to: '2026-02-28', by: 'month' },
          { now: later },
        ),
      ),
    ).toEqual([
      ['2026-01-01', '2026-02-01', 'Alpha', 2],
      ['2026-01-01', '2026-02-01', 'Beta', 1],
      ['2026-02-01', '2026-03-01', 'Alpha', 2],
      ['2026-02-01', '2026-03-01', 'Beta', 1],
    ]);
    // The period still running is read now; periods not begun are left out.
    expect(
      rows(
        await chartAccessGrowth(
          t.prisma,
          { from: '2026-01-05', to: '2026-02-01', by: 'week' },
          { now: new Date('2026-01-22T00:00:00Z') },
        ),
      ),
    ).toEqual([
      ['2026-01-05', '2026-01-12', 'Alpha', 3],
      ['2026-01-05', '2026-01-12', 'Beta', 0],
      ['2026-01-12', '2026-01-19', 'Alpha', 4],
      ['2026-01-12', '2026-01-19', 'Beta', 1],
      ['2026-01-19', '2026-01-22', 'Alpha', 3],
      ['2026-01-19', '2026-01-22', 'Beta', 1],
    ]);
  });

  it('open SoD violations over time, by severity; a prevented one never counts', async () => {
    const app = await createApplication(t.prisma);
    const [x, y] = [await createEntitlement(t.prisma, app.id), await createEntitlement(t.prisma, app.id)];
    const block = await createSodRule(t.prisma, {
      severity: 'BLOCK',
      sideA: [{ entitlementId: x.id }],
      sideB: [{ entitlementId: y.id }],
    });
    const soft = await createSodRule(t.prisma, {
      severity: 'MITIGATABLE',
      sideA: [{ entitlementId: x.id }],
      sideB: [{ entitlementId: y.id }],
    });
    const who = await createIdentity(t.prisma);
    const v = (ruleId: string, detectedAt: string, resolvedAt: string | null, details: object = {}) =>
      t.prisma.sodViolation.create({
        data: {
          ruleId,
          identityId: who.id,
          details,
          detectedAt: new Date(detectedAt),
          resolvedAt: resolvedAt ? new Date(resolvedAt) : null,
        },
      });
    await v(soft.id, '2026-01-03T00:00:00Z', '2026-01-14T00:00:00Z');
    await v(block.id, '2026-01-08T00:00:00Z', null);
    await v(soft.id, '2026-01-20T00:00:00Z', '2026-01-21T00:00:00Z');
    await v(block.id, '2026-01-10T00:00:00Z', '2026-01-10T00:00:00Z', { prevented: 'BIRTHRIGHT' });
    await v(soft.id, '2026-01-19T00:00:00Z', null); // detected exactly at a period's end: open then
    const points = await chartOpenSodViolations(
      t.prisma,
      { from: '2026-01-05', to: '2026-02-01', by: 'week' },
      { now: later },
    );
    expect(points.map((p) => [p.period, p.open, p.blocking, p.mitigatable])).toEqual([
      ['2026-01-05', 2, 1, 1],
      ['2026-01-12', 2, 1, 1],
      ['2026-01-19', 2, 1, 1],
      ['2026-01-26', 2, 1, 1],
    ]);
    const monthly = await chartOpenSodViolations(
      t.prisma,
      { from: '2025-12-01', to: '2026-01-31', by: 'month' },
      { now: later },
    );
    expect(monthly.map((p) => [p.period, p.at.toISOString().slice(0, 10), p.open])).toEqual([
      ['2025-12-01', '2026-01-01', 0],
      ['2026-01-01', '2026-02-01', 2],
    ]);
  });

  it('refuses a reversed range, one longer than two years and a date that does not exist', async () => {
    const auditor = await createIdentity(t.prisma, { portalRoles: ['AUDITOR'] });
    const api = await t.callerFor(auditor.id);
    const refused = async (p: Promise<unknown>) =>
      (
        (await p.then(
          () => null,
          (e: unknown) => e,
        )) as TRPCError | null
      )?.code;
    expect(await refused(api.requestReports.requestsPerWeek({ from: '2026-03-02', to: '2026-03-01' }))).toBe(
      'BAD_REQUEST',
    );
    expect(await refused(api.requestReports.timeToApprove({ from: '2024-01-01', to: '2026-01-02' }))).toBe(
      'BAD_REQUEST',
    );
    expect(
      await refused(api.requestReports.accessGrowth({ from: '2026-02-30', to: '2026-03-01', by: 'week' })),
    ).toBe('BAD_REQUEST');
    expect(
      await refused(
        api.requestReports.openSodViolations({ from: '2026-01-01', to: '2026-03-01', by: 'day' as 'week' }),
      ),
    ).toBe('BAD_REQUEST');
    expect(await api.requestReports.requestsPerWeek({ from: '2026-03-04', to: '2026-03-22' })).toHaveLength(
      3,
    );
  });
});
