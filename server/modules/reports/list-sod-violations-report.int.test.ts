import type { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleReportExport } from '@/server/exports/handle-report-export.ts';
import { listSodViolations, runSodScan } from '@/server/modules/sod/index.ts';
import {
  createApplication,
  createEntitlement,
  createGrant,
  createIdentity,
  createSodRule,
} from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { listSodViolationsReport } from './list-sod-violations-report.ts';
import { REPORT_EXPORTS } from '@/server/exports/report-exports.ts';

let t: TTestContext;
const v: Record<string, string> = {};
let rules: Record<'payments' | 'payroll', { id: string }>;
let auditorId: string;
const now = new Date('2026-06-01T00:00:00Z');

beforeAll(async () => {
  t = await createTestContext();
  const app = await createApplication(t.prisma);
  const [ap, treasury, payroll, records] = [
    await createEntitlement(t.prisma, app.id),
    await createEntitlement(t.prisma, app.id),
    await createEntitlement(t.prisma, app.id),
    await createEntitlement(t.prisma, app.id),
  ];
  rules = {
    payments: await createSodRule(t.prisma, {
      name: 'Payment segregation',
      severity: 'BLOCK',
      sideA: [{ entitlementId: ap.id }],
      sideB: [{ entitlementId: treasury.id }],
    }),
    payroll: await createSodRule(t.prisma, {
      name: 'Payroll and records',
      severity: 'MITIGATABLE',
      sideA: [{ entitlementId: payroll.id }],
      sideB: [{ entitlementId: records.id }],
    }),
  };
  const raj = await createIdentity(t.prisma, {
    username: 'raj',
    displayName: 'Raj Patel',
    department: 'Finance',
  });
  const mia = await createIdentity(t.prisma, {
    username: 'mia',
    displayName: 'Mia Johansson',
    department: 'People',
  });
  const ben = await createIdentity(t.prisma, {
    username: 'ben',
    displayName: 'Ben Carter',
    department: 'Sales',
  });
  const sam = await createIdentity(t.prisma, {
    username: 'sam',
    displayName: 'Sam Okafor',
    portalRoles: ['SECURITY_OFFICER'],
  });
  auditorId = (await createIdentity(t.prisma, { username: 'audrey', portalRoles: ['AUDITOR'] })).id;
  const violation = async (
    key: string,
    ruleId: string,
    identityId: string,
    detectedAt: string,
    resolvedAt: string | null,
    details: object = {},
  ) => {
    v[key] = (
      await t.prisma.sodViolation.create({
        data: {
          ruleId,
          identityId,
          details: { status: 'NEEDS_MITIGATION', explanation: `${key} holds both sides`, ...details },
          detectedAt: new Date(detectedAt),
          resolvedAt: resolvedAt ? new Date(resolvedAt) : null,
        },
      })
    ).id;
  };
  await violation('v1', rules.payments.id, raj.id, '2026-01-10T09:00:00Z', '2026-02-15T12:00:00Z', {
    status: 'BLOCKED',
  });
  await violation('v2', rules.payroll.id, mia.id, '2026-02-01T09:00:00Z', null);
  await violation('v3', rules.payments.id, ben.id, '2026-03-10T09:00:00Z', '2026-03-10T09:00:00Z', {
    status: 'BLOCKED',
    prevented: 'BIRTHRIGHT',
    what: 'a birthright grant of Treasury Payments',
  });
  await violation('v4', rules.payroll.id, raj.id, '2026-03-20T09:00:00Z', null);
  const mitigation = (
    identityId: string,
    ruleId: string,
    control: string,
    createdAt: string,
    expiresAt: string,
    revokedAt: string | null = null,
  ) =>
    t.prisma.sodMitigation.create({
      data: {
        ruleId,
        identityId,
        control,
        createdById: sam.id,
        createdAt: new Date(createdAt),
        expiresAt: new Date(expiresAt),
        revokedAt: revokedAt ? new Date(revokedAt) : null,
      },
    });
  await mitigation(
    mia.id,
    rules.payroll.id,
    'Revoked before it began',
    '2026-01-01T00:00:00Z',
    '2026-12-31T00:00:00Z',
    '2026-01-15T00:00:00Z',
  );
  await mitigation(
    mia.id,
    rules.payroll.id,
    'Quarterly payroll review',
    '2026-02-02T00:00:00Z',
    '2026-03-01T00:00:00Z',
  );
  await mitigation(
    mia.id,
    rules.payroll.id,
    'Monthly payroll review',
    '2026-03-01T00:00:00Z',
    '2099-01-01T00:00:00Z',
  );
  await mitigation(mia.id, rules.payments.id, 'Another rule', '2026-02-02T00:00:00Z', '2099-01-01T00:00:00Z');
});
afterAll(async () => {
  await t?.close();
});

const keys = (rows: Array<{ id: string }>) =>
  rows.map((r) => Object.entries(v).find(([, id]) => id === r.id)?.[0] ?? 'other');
const report = async (filters: Record<string, string>) =>
  keys((await listSodViolationsReport(t.prisma, { ...filters, limit: 50 }, { now })).items);

describe('SoD violations, current and historical', () => {
  it.each([
    ['everything, newest first', {}, ['v4', 'v3', 'v2', 'v1']],
    ['open now', { state: 'open' }, ['v4', 'v2']],
    ['resolved (and prevented)', { state: 'resolved' }, ['v3', 'v1']],
    ['a rule', { rule: 'payments' }, ['v3', 'v1']],
    ['a person', { person: 'RAJ' }, ['v4', 'v1']],
    ['a department', { department: 'people' }, ['v2']],
    ['open at any moment of a range', { from: '2026-02-16', to: '2026-02-28' }, ['v2']],
    ['resolved on the range’s first day counts', { from: '2026-02-15', to: '2026-02-15' }, ['v2', 'v1']],
    ['detected on the range’s last day counts', { from: '2026-03-20', to: '2026-03-20' }, ['v4', 'v2']],
  ])('%s', async (_name, filters, expected) => {
    const f = { ...filters } as Record<string, string>;
    if (f.rule) f.rule = rules[f.rule as 'payments' | 'payroll'].id;
    expect(await report(f)).toEqual(expected);
  });

  it('shows each violation’s state and the controls in force during its life, with what became of them', async () => {
    const { items } = await listSodViolationsReport(t.prisma, { limit: 50 }, { now });
    const byKey = new Map(items.map((r) => [keys([r])[0]!, r]));
    expect(byKey.get('v3')!).toMatchObject({
      state: 'PREVENTED',
      prevented: { by: 'BIRTHRIGHT', what: 'a birthright grant of Treasury Payments' },
      rule: { name: 'Payment segregation', severity: 'BLOCK' },
    });
    expect(byKey.get('v1')!).toMatchObject({
      state: 'RESOLVED',
      status: 'BLOCKED',
      resolvedAt: new Date('2026-02-15T12:00:00Z'),
      mitigations: [],
    });
    expect(byKey.get('v2')!).toMatchObject({
      state: 'OPEN',
      identity: { displayName: 'Mia Johansson', department: 'People' },
    });
    expect(byKey.get('v2')!.mitigations.map((m) => [m.control, m.state, m.recordedBy])).toEqual([
      ['Quarterly payroll review', 'EXPIRED', 'Sam Okafor'],
      ['Monthly payroll review', 'IN_FORCE', 'Sam Okafor'],
    ]);
  });

  it('pages and exports what the page shows, through the tRPC procedure and the CSV route', async () => {
    const api = await t.callerFor(auditorId);
    const first = await api.requestReports.listSodViolations({ limit: 3, cursor: null });
    const second = await api.requestReports.listSodViolations({ limit: 3, cursor: first.nextCursor });
    expect([first.total, second.total, second.nextCursor]).toEqual([4, null, null]);
    expect(keys([...first.items, ...second.items])).toEqual(['v4', 'v3', 'v2', 'v1']);
    expect(await api.requestReports.sodChoices()).toEqual({
      rules: [
        expect.objectContaining({ name: 'Payment segregation' }),
        expect.objectContaining({ name: 'Payroll and records' }),
      ],
      departments: expect.arrayContaining(['Finance', 'People', 'Sales']),
    });
    expect(
      (
        (await api.requestReports
          .listSodViolations({ rule: 'payments' })
          .catch((e: unknown) => e)) as TRPCError
      ).code,
    ).toBe('BAD_REQUEST');

    const actor = await t.actor(auditorId);
    const res = await handleReportExport(
      new Request('http://portal/api/reports/sod-violations/export?state=open&department=People'),
      { db: t.prisma, exports: REPORT_EXPORTS, actor: async () => actor },
    );
    expect(res.status).toBe(200);
    const lines = (await res.text()).trim().split('\n');
    expect(lines[0]).toBe(
      'Violation id,Rule,Severity,Person,Username,Department,Detected,Resolved,State,Status,Explanation,Prevented,Mitigating controls',
    );
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(
      `${v.v2},Payroll and records,MITIGATABLE,Mia Johansson,mia,People,2026-02-01T09:00:00.000Z,,OPEN,NEEDS_MITIGATION,v2 holds both sides,,`,
    );
    expect(lines[1]).toContain(
      'Quarterly payroll review (recorded 2026-02-02T00:00:00.000Z by Sam Okafor, expires 2026-03-01T00:00:00.000Z; expired)',
    );
    expect(lines[1]).toContain(
      'Monthly payroll review (recorded 2026-03-01T00:00:00.000Z by Sam Okafor, expires 2099-01-01T00:00:00.000Z; in force)',
    );
  });
  // Last: the scan resolves every open violation that no longer holds, the made-up ones above too.
  it('keeps what the scan resolved, which the admin page of open violations no longer shows', async () => {
    const app = await createApplication(t.prisma);
    const [x, y] = [await createEntitlement(t.prisma, app.id), await createEntitlement(t.prisma, app.id)];
    const rule = await createSodRule(t.prisma, {
      name: 'Scanned rule',
      severity: 'BLOCK',
      sideA: [{ entitlementId: x.id }],
      sideB: [{ entitlementId: y.id }],
    });
    const kofi = await createIdentity(t.prisma, { username: 'kofi', displayName: 'Kofi Mensah' });
    await createGrant(t.prisma, { identityId: kofi.id, entitlementId: x.id });
    const second = await createGrant(t.prisma, { identityId: kofi.id, entitlementId: y.id });
    const found = new Date();
    await runSodScan(t.prisma, { now: found });
    expect(
      (await listSodViolationsReport(t.prisma, { person: 'kofi', state: 'open', limit: 10 })).items.map(
        (r) => r.rule.name,
      ),
    ).toEqual(['Scanned rule']);
    await t.prisma.grant.update({
      where: { id: second.id },
      data: { status: 'REVOKED', revokedAt: new Date() },
    });
    const gone = new Date(Date.now() + 60_000);
    await runSodScan(t.prisma, { now: gone });
    expect((await listSodViolations(t.prisma)).open.filter((o) => o.rule.id === rule.id)).toEqual([]);
    const { items } = await listSodViolationsReport(t.prisma, { person: 'kofi', limit: 10 });
    expect(items.map((r) => [r.state, r.detectedAt.toISOString(), r.resolvedAt?.toISOString()])).toEqual([
      ['RESOLVED', found.toISOString(), gone.toISOString()],
    ]);
  });
});
